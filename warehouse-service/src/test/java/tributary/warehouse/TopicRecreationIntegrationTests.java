package tributary.warehouse;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tributary.testsupport.Infrastructure;
import tributary.testsupport.WithInfrastructure;
import tributary.warehouse.TestEvents.TestEvent;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Topics deleted and recreated under a running warehouse, which keeps its store: the new
 * incarnations' records start again at offset 0 and count like any others, and neither a
 * restart nor a replay from the start counts anything twice.
 */
@WithInfrastructure
class TopicRecreationIntegrationTests {

	private static final String API_KEY = "test-api-key-0123456789";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aRecreatedTopicsEventsCountOnceBesideThoseOfTheTopicItReplaced() throws Exception {
		try (TestBroker broker = new TestBroker();
				Admin admin = Admin
					.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers()));
				MongoClient mongo = MongoClients.create(Infrastructure.mongoUri("x"))) {
			MongoDatabase store = mongo.getDatabase(broker.database);
			broker.createTopics();
			Map<String, Uuid> firstIds = ids(admin, broker.topics());
			// One generator: new ids in the second generation, but the same locations,
			// platforms and products, so both meet in the same aggregate documents.
			TestEvents generator = new TestEvents(31, "recreated");
			List<TestEvent> first = generator.mixed(400);
			broker.publish(first);
			List<Document> aggregatesOfFirst;
			try (ConfigurableApplicationContext service = startHere(broker)) {
				awaitAllTaken(broker);
				assertInsights(port(service), first);
				assertThat(service.getBean(MongoTemplate.class).getDb().getWriteConcern())
					.as("what every write above waited for")
					.isEqualTo(WriteConcern.MAJORITY.withJournal(true).withWTimeout(4, TimeUnit.SECONDS));
				aggregatesOfFirst = aggregates(store);
			}

			// A restarted warehouse replaying everything from the start adds nothing.
			rewind(broker);
			List<TestEvent> second = generator.mixed(400);
			try (ConfigurableApplicationContext service = startHere(broker)) {
				awaitAllTaken(broker);
				assertThat(aggregates(store)).as("after a restart and a replay").isEqualTo(aggregatesOfFirst);

				recreate(admin, broker.topics());
				Map<String, Uuid> secondIds = ids(admin, broker.topics());
				assertThat(secondIds).allSatisfy((topic, id) -> assertThat(id).isNotEqualTo(firstIds.get(topic)));
				publishWithNewProducer(broker, second);
				awaitAllTaken(broker);
				List<TestEvent> both = new ArrayList<>(first);
				both.addAll(second);
				assertInsights(port(service), both);
				assertSameOffsetsInBothIncarnations(store, broker.topic("weather"), firstIds, secondIds);
			}

			// Restarted after the recreation and replaying the new topics: still once.
			List<Document> aggregatesOfBoth = aggregates(store);
			rewind(broker);
			try (ConfigurableApplicationContext service = startHere(broker)) {
				await().atMost(Duration.ofMinutes(2))
					.pollInterval(Duration.ofMillis(500))
					.untilAsserted(() -> assertThat(redelivered(service)).isEqualTo(second.size()));
				awaitAllTaken(broker);
				assertThat(aggregates(store)).as("after a restart and a replay of the new topics")
					.isEqualTo(aggregatesOfBoth);
			}
		}
	}

	/**
	 * Records of both generations sit at the same partitions and offsets, told apart only
	 * by their topic ids.
	 */
	private static void assertSameOffsetsInBothIncarnations(MongoDatabase store, String topic,
			Map<String, Uuid> firstIds, Map<String, Uuid> secondIds) {
		Set<String> first = new HashSet<>();
		Set<String> second = new HashSet<>();
		for (Document raw : store.getCollection(topic).find()) {
			String at = raw.getInteger("partition") + "@" + raw.get("offset");
			if (raw.getString("topicId").equals(firstIds.get(topic).toString())) {
				first.add(at);
			}
			else {
				assertThat(raw.getString("topicId")).isEqualTo(secondIds.get(topic).toString());
				second.add(at);
			}
		}
		assertThat(first).isNotEmpty();
		assertThat(second).containsAnyElementsOf(first);
	}

	/** Moves the group back to the start, once its members have left it. */
	private static void rewind(TestBroker broker) {
		await().atMost(Duration.ofMinutes(1))
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.untilAsserted(broker::rewindGroup);
	}

	private static double redelivered(ConfigurableApplicationContext service) {
		return service.getBean(io.micrometer.core.instrument.MeterRegistry.class)
			.find("tributary.warehouse.events")
			.tag("outcome", "redelivered")
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	/**
	 * Publishes with a producer that never knew the old topics: one that did may keep
	 * sending to their ids and time out (that is the producers' side of recreating a
	 * topic, not the warehouse's).
	 */
	private static void publishWithNewProducer(TestBroker broker, List<TestEvent> events) throws Exception {
		// A loaded broker may take minutes before a recreated partition takes records:
		// a tombstone in each (dead-lettered, never counted) shows when it does.
		await().atMost(Duration.ofMinutes(4)).ignoreExceptions().untilAsserted(() -> {
			try (KafkaProducer<String, String> probe = new KafkaProducer<>(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers(),
							ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
							10000),
					new StringSerializer(), new StringSerializer())) {
				List<java.util.concurrent.Future<?>> sends = new ArrayList<>();
				for (String topic : broker.topics()) {
					for (int partition = 0; partition < 4; partition++) {
						sends.add(probe.send(new ProducerRecord<>(topic, partition, "probe", null)));
					}
				}
				for (java.util.concurrent.Future<?> send : sends) {
					send.get();
				}
			}
		});
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers()),
				new StringSerializer(), new StringSerializer())) {
			List<java.util.concurrent.Future<?>> sends = new ArrayList<>();
			for (TestEvent event : events) {
				sends.add(producer.send(new ProducerRecord<>(broker.topic(event.role()), event.key(), event.json())));
			}
			producer.flush();
			for (java.util.concurrent.Future<?> send : sends) {
				send.get();
			}
		}
	}

	/** Deletes the topics, waits until they are gone and creates them again. */
	private static void recreate(Admin admin, List<String> topics) throws Exception {
		admin.deleteTopics(topics).all().get();
		await().atMost(Duration.ofMinutes(1))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> admin.listTopics().names().get().stream().noneMatch(topics::contains));
		admin.createTopics(topics.stream().map((topic) -> new NewTopic(topic, 4, (short) 1)).toList()).all().get();
		await().atMost(Duration.ofMinutes(1))
			.pollInterval(Duration.ofMillis(200))
			.ignoreExceptions()
			.until(() -> admin.describeTopics(topics)
				.allTopicNames()
				.get()
				.values()
				.stream()
				.allMatch((topic) -> topic.partitions().stream().allMatch((partition) -> partition.leader() != null)));
	}

	private static Map<String, Uuid> ids(Admin admin, List<String> topics) throws Exception {
		Map<String, Uuid> ids = new java.util.HashMap<>();
		for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get().values()) {
			ids.put(topic.name(), topic.topicId());
		}
		return ids;
	}

	private static List<Document> aggregates(MongoDatabase store) {
		List<Document> documents = new ArrayList<>();
		for (String collection : new String[] { "hourly_insights", "product_insights", "platform_insights",
				"locations" }) {
			store.getCollection(collection).find().forEach((document) -> {
				Document copy = new Document(document);
				// What changes when nothing is added: a document written again.
				copy.remove("version");
				copy.remove("applied");
				copy.remove("marks");
				documents.add(copy.append("in", collection));
			});
		}
		documents.sort(java.util.Comparator.comparing((document) -> document.getString("in") + document.get("_id")));
		return documents;
	}

	private static void awaitAllTaken(TestBroker broker) {
		broker.awaitAllCommitted(Duration.ofMinutes(2));
	}

	private static ConfigurableApplicationContext startHere(TestBroker broker) {
		List<String> arguments = new ArrayList<>(broker.arguments());
		arguments.addAll(List.of("--server.port=0", "--tributary.security.api-keys=" + API_KEY,
				"--tributary.warehouse.consumer.concurrency=2"));
		return new SpringApplicationBuilder(WarehouseApplication.class).run(arguments.toArray(String[]::new));
	}

	private static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	private static void assertInsights(int port, List<TestEvent> events) throws Exception {
		ExpectedInsights expected = new ExpectedInsights();
		events.forEach((event) -> expected.add(event.role(), json.readTree(event.json())));
		String range = "&from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z";
		for (String location : expected.hourly.keySet()) {
			expected.assertHourly(location,
					getJson(port, "/api/v1/insights/hourly?location=" + encode(location) + range));
		}
		for (String product : expected.products.keySet()) {
			expected.assertProduct(product, getJson(port, "/api/v1/insights/products/" + encode(product)));
		}
		for (String platform : expected.platforms.keySet()) {
			expected.assertPlatform(platform, getJson(port, "/api/v1/insights/sentiment?"
					+ (platform.isEmpty() ? "" : "platform=" + encode(platform)) + range));
		}
	}

	private static JsonNode getJson(int port, String path) throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("X-API-Key", API_KEY)
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
