package tributary.ingest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tributary.ingest.events.Json;
import tributary.testsupport.Infrastructure;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events larger than the real broker takes. The posts topic takes records of at most
 * {@value #TOPIC_MAX_BYTES} bytes, set before the service starts: the service holds its
 * producer to that limit, so a larger event is refused at once and fails alone. The
 * weather topic's limit is lowered to {@value #LOWERED_MAX_BYTES} bytes while the service
 * runs, so the broker itself refuses an event larger than that but within the producer's
 * limit (taken at start-up, from the posts topic): then the records behind it in its
 * partition may fail too, and the answer must still say exactly which events were kept.
 * Texts are random so that compression cannot shrink them under the limits; each topic
 * has one partition, so refused and accepted records share it.
 */
class BrokerRefusalIntegrationTests {

	static final int TOPIC_MAX_BYTES = 4096;

	static final int LOWERED_MAX_BYTES = 2048;

	static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	static final String POSTS = "social_media_refusal_" + RUN;

	static final String READINGS = "weather_data_refusal_" + RUN;

	static final String KEY = "test-api-key-0123456789";

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final Random random = new Random(42);

	private static ConfigurableApplicationContext service;

	@BeforeAll
	static void start() throws Exception {
		try (Admin admin = admin()) {
			admin.createTopics(List.of(
					new NewTopic(POSTS, 1, (short) 1)
						.configs(Map.of("max.message.bytes", Integer.toString(TOPIC_MAX_BYTES))),
					new NewTopic(READINGS, 1, (short) 1)))
				.all()
				.get();
		}
		service = new SpringApplicationBuilder(IngestApplication.class).run("--server.port=0",
				"--spring.kafka.bootstrap-servers=" + Infrastructure.kafkaBootstrapServers(),
				"--tributary.topics.social-media=" + POSTS, "--tributary.topics.weather-data=" + READINGS,
				"--tributary.topics.customer-feedback=customer_feedback_refusal_" + RUN);
	}

	@AfterAll
	static void stop() {
		if (service != null) {
			service.close();
		}
	}

	@Test
	void aBatchItemLargerThanTheTopicTakesFailsAloneAndTheOthersAreStored() throws Exception {
		List<String> fine = List.of("r-1-" + RUN, "r-2-" + RUN, "r-3-" + RUN);
		String batch = "[" + post(fine.get(0), 20) + "," + post("r-large-" + RUN, 6000) + "," + post(fine.get(1), 20)
				+ "," + post("r-larger-" + RUN, 9000) + "," + post(fine.get(2), 20) + "]";

		HttpResponse<String> response = send("/api/v1/social-media", batch);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(207);
		assertThat(response.headers().firstValue("Retry-After")).isEmpty();
		JsonNode result = Json.tree(response.body());
		assertThat(result.get("accepted").intValue()).isEqualTo(3);
		assertThat(result.get("rejected").intValue()).isEqualTo(2);
		assertThat(result.get("failed").intValue()).isZero();
		JsonNode items = result.get("items");
		for (int refused : new int[] { 1, 3 }) {
			assertThat(items.get(refused).get("offset")).isNull();
			assertThat(items.get(refused).get("problem").get("status").intValue()).isEqualTo(413);
			assertThat(items.get(refused).get("problem").get("title").stringValue()).isEqualTo("Event too large");
		}
		assertThat(items.get(1).get("id").stringValue()).isEqualTo("r-large-" + RUN);
		assertThat(items.get(3).get("id").stringValue()).isEqualTo("r-larger-" + RUN);

		List<ConsumerRecord<String, String>> stored = records(POSTS, 3).stream()
			.filter((record) -> Json.tree(record.value()).get("id").stringValue().startsWith("r-"))
			.toList();
		assertThat(stored).extracting((record) -> Json.tree(record.value()).get("id").stringValue())
			.containsExactlyElementsOf(fine);
		for (int i = 0; i < 3; i++) {
			JsonNode item = items.get(new int[] { 0, 2, 4 }[i]);
			assertThat(item.get("id").stringValue()).isEqualTo(fine.get(i));
			assertThat(item.get("offset").longValue()).isEqualTo(stored.get(i).offset());
		}
	}

	@Test
	void aSingleEventLargerThanTheTopicTakesIs413WithItsIdAndTheNextIsTaken() throws Exception {
		HttpResponse<String> refused = send("/api/v1/social-media", post(null, 6000));
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(413);
		JsonNode problem = Json.tree(refused.body());
		assertThat(problem.get("title").stringValue()).isEqualTo("Event too large");
		assertThat(problem.get("id").stringValue()).hasSize(36);

		HttpResponse<String> taken = send("/api/v1/social-media", post("s-ok-" + RUN, 20));
		assertThat(taken.statusCode()).as(taken.body()).isEqualTo(202);
	}

	@Test
	void whenTheBrokerItselfRefusesAnEventTheAnswerStillSaysExactlyWhichWereKept() throws Exception {
		try (Admin admin = admin()) {
			admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, READINGS),
					List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", Integer.toString(LOWERED_MAX_BYTES)),
							AlterConfigOp.OpType.SET))))
				.all()
				.get();
			// The controller has it now; the broker applies it a moment later.
			ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, READINGS);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> admin.describeConfigs(List.of(resource))
					.all()
					.get()
					.get(resource)
					.get("max.message.bytes")
					.value()
					.equals(Integer.toString(LOWERED_MAX_BYTES)));
		}
		// Alone in its request, the refused event is the only record of its batch: the
		// broker's refusal reaches the answer as it is.
		HttpResponse<String> alone = send("/api/v1/weather", reading("w-alone-" + RUN, 2300));
		assertThat(alone.statusCode()).as(alone.body()).isEqualTo(413);
		assertThat(Json.tree(alone.body()).get("title").stringValue()).isEqualTo("Event too large");

		List<String> readings = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			readings.add(reading("w-" + i + "-" + RUN, (i == 1) ? 2300 : 0));
		}

		long start = System.nanoTime();
		HttpResponse<String> response = send("/api/v1/weather", "[" + String.join(",", readings) + "]");

		// BrokerUnavailableIntegrationTests holds answers to 5 s; this one is about what
		// they say, so a loaded machine's second more does not fail it.
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
		assertThat(response.statusCode()).as(response.body()).isIn(207, 503);
		JsonNode items = Json.tree(response.body()).get("items");
		// In a batch the broker refuses the whole record batch the event shares with its
		// neighbours; the producer splits it and sends the pieces again, and when those
		// stall behind the refused sequence they expire (delivery.timeout.ms) instead. So
		// the refused event is 413 or, with its neighbours, 503; never accepted.
		assertThat(items.get(1).get("offset")).as(response.body()).isNull();
		List<String> accepted = new ArrayList<>();
		boolean retry = false;
		for (JsonNode item : items) {
			assertThat(item.get("id").stringValue()).startsWith("w-");
			if (item.get("offset") != null) {
				accepted.add(item.get("id").stringValue());
			}
			else {
				int status = item.get("problem").get("status").intValue();
				assertThat(status).as(item.toString()).isIn(413, 503);
				retry |= status == 503;
			}
		}
		if (retry) {
			assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
		}
		// Every event reported accepted is on the topic, and no other.
		assertThat(records(READINGS, accepted.size()))
			.extracting((record) -> Json.tree(record.value()).get("id").stringValue())
			.containsExactlyInAnyOrderElementsOf(accepted);
	}

	private static String post(String id, int textLength) {
		String idField = (id != null) ? "\"id\":\"" + id + "\"," : "";
		return "{" + idField + "\"platform\":\"x\",\"author\":\"ada\",\"text\":\"" + text(textLength)
				+ "\",\"createdAt\":\"2025-06-01T10:00:00Z\"}";
	}

	private static String reading(String id, int noteLength) {
		return "{\"id\":\"" + id + "\",\"stationId\":\"DE-BER-01\",\"location\":\"Berlin\","
				+ "\"observedAt\":\"2025-06-01T09:00:00Z\",\"temperatureC\":4.5,\"note\":\"" + text(noteLength) + "\"}";
	}

	private static String text(int length) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append((char) (((random.nextInt(6) == 0) ? 'A' : 'a') + random.nextInt(26)));
		}
		return text.toString();
	}

	private static Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers()));
	}

	private static List<ConsumerRecord<String, String>> records(String topic, int atLeast) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				Infrastructure.kafkaBootstrapServers(), ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
			TopicPartition partition = new TopicPartition(topic, 0);
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			List<ConsumerRecord<String, String>> records = new ArrayList<>();
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
				return records.size() >= atLeast
						&& consumer.position(partition) >= consumer.endOffsets(List.of(partition)).get(partition);
			});
			return records;
		}
	}

	private static HttpResponse<String> send(String path, String body) throws Exception {
		String base = "http://localhost:" + ((WebServerApplicationContext) service).getWebServer().getPort();
		return http.send(HttpRequest.newBuilder(URI.create(base + path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("X-API-Key", KEY)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
