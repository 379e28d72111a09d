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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tributary.testsupport.WithInfrastructure;
import tributary.warehouse.TestEvents.TestEvent;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The warehouse against a real broker: what goes in through the topics comes out exactly
 * in the aggregates, however often it is delivered.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tributary.warehouse.consumer.concurrency=2",
				"tributary.warehouse.consumer.lag-interval=500ms" })
@WithInfrastructure
class WarehouseIntakeIntegrationTests {

	private static final String API_KEY = "test-api-key-0123456789";

	private static final TestBroker broker = new TestBroker();

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	MessageListenerContainer warehouse;

	@DynamicPropertySource
	static void isolate(DynamicPropertyRegistry registry) {
		broker.register(registry);
	}

	@AfterAll
	static void close() {
		broker.close();
	}

	@Test
	void aMixedStreamEndsInExactAggregatesWithDuplicatesIgnoredAndBadRecordsDeadLettered() throws Exception {
		// Other tests share these topics: metrics are compared with what they were now.
		String metricsBefore = get("/actuator/prometheus", false).body();
		TestEvents generator = new TestEvents(11, "mix");
		List<TestEvent> events = generator.mixed(1200);
		Map<String, Integer> duplicates = new HashMap<>();
		broker.publish(events);
		// Ingest retries: the same records again, later in their partitions.
		Random random = new Random(3);
		List<TestEvent> again = new ArrayList<>();
		for (int i = 0; i < 150; i++) {
			again.add(events.get(random.nextInt(events.size())));
		}
		// Other records repeating an id with other content: the first one stays.
		for (TestEvent event : events.subList(0, 40)) {
			if (event.role().equals("weather")) {
				Map<String, Object> changed = new LinkedHashMap<>(event.value());
				changed.put("temperatureC", 59.9);
				again.add(new TestEvent("weather", event.key(), changed));
			}
		}
		broker.publish(again);
		again.forEach((event) -> duplicates.merge(event.role(), 1, Integer::sum));
		// Written straight to the topics by other clients, without headers: kcat without
		// keys, in every codec a producer may choose, the Python client with keys.
		List<TestEvent> byKcat = new ArrayList<>();
		List<TestEvent> byPython = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			byKcat.add(generator.reading());
			byPython.add(generator.feedback());
		}
		List<String> codecs = List.of("none", "gzip", "snappy", "lz4", "zstd");
		int perCodec = byKcat.size() / codecs.size();
		for (int i = 0; i < codecs.size(); i++) {
			List<TestEvent> share = byKcat.subList(i * perCodec, (i + 1) * perCodec);
			broker.publishWithKcat("weather", codecs.get(i), share.stream().map(TestEvent::json).toList());
		}
		broker.publishWithPython("feedback", byPython);
		// Records nobody can use.
		broker.publish("post", "x", "{\"id\": \"broken");
		broker.publish("post", "x", "not json at all");
		broker.publish("weather", "x", "{\"id\":\"mix-hot\",\"stationId\":\"s\",\"location\":\"mix Berlin\","
				+ "\"observedAt\":\"2026-11-20T09:00:00Z\",\"temperatureC\":61,\"ingestedAt\":\"2026-11-20T09:00:00Z\"}");
		broker.publish("feedback", "x", null);
		broker.flush();
		List<TestEvent> distinct = new ArrayList<>(events);
		distinct.addAll(byKcat);
		distinct.addAll(byPython);

		awaitAllTaken();

		ExpectedInsights expected = new ExpectedInsights();
		distinct.forEach((event) -> expected.add(event.role(), json.readTree(event.json())));
		assertInsights(expected);
		for (String role : new String[] { "post", "weather", "feedback", "sentiment" }) {
			long stored = distinct.stream().filter((event) -> event.role().equals(role)).count();
			assertThat(this.mongo.getCollection(broker.topic(role)).countDocuments(Filters.regex("_id", "^mix-")))
				.as(role)
				.isEqualTo(stored);
		}
		TestEvent kcatReading = byKcat.get(0);
		JsonNode raw = getJson("/api/v1/events/" + broker.topic("weather") + "/" + kcatReading.id());
		assertThat(raw.get("event")).isEqualTo(json.readTree(kcatReading.json()));
		assertThat(raw.get("topic").stringValue()).isEqualTo(broker.topic("weather"));
		assertThat(raw.get("storedAt").stringValue()).isNotBlank();
		TestEvent pythonFeedback = byPython.get(0);
		JsonNode rawFeedback = getJson("/api/v1/events/" + broker.topic("feedback") + "/" + pythonFeedback.id());
		assertThat(rawFeedback.get("event")).isEqualTo(json.readTree(pythonFeedback.json()));

		List<ConsumerRecord<byte[], byte[]>> posts = broker.deadLetters("post", 2);
		assertThat(posts).extracting((record) -> new String(record.value(), StandardCharsets.UTF_8))
			.containsExactlyInAnyOrder("{\"id\": \"broken", "not json at all");
		assertThat(posts).allSatisfy((record) -> {
			assertThat(TestBroker.header(record, "tributary-dead-letter-reason")).startsWith("not JSON");
			assertThat(TestBroker.header(record, "kafka_dlt-original-topic")).isEqualTo(broker.topic("post"));
			assertThat(TestBroker.header(record, "event-type")).isEqualTo("post");
		});
		assertThat(broker.deadLetters("weather", 1)).singleElement()
			.satisfies((record) -> assertThat(TestBroker.header(record, "tributary-dead-letter-reason"))
				.isEqualTo("temperatureC: must be -90 to 60 but was 61"));
		assertThat(broker.deadLetters("feedback", 1)).singleElement()
			.satisfies((record) -> assertThat(TestBroker.header(record, "tributary-dead-letter-reason"))
				.contains("tombstone"));

		String metrics = get("/actuator/prometheus", false).body();
		for (String role : new String[] { "post", "weather", "feedback", "sentiment" }) {
			long stored = distinct.stream().filter((event) -> event.role().equals(role)).count();
			assertThat(counter(metrics, role, "stored") - counter(metricsBefore, role, "stored")).as(role + " stored")
				.isEqualTo(stored);
			assertThat(counter(metrics, role, "duplicate") - counter(metricsBefore, role, "duplicate"))
				.as(role + " duplicates")
				.isEqualTo(duplicates.getOrDefault(role, 0).longValue());
		}
		assertThat(counter(metrics, "post", "dead_lettered") - counter(metricsBefore, "post", "dead_lettered"))
			.isEqualTo(2);
		assertThat(counter(metrics, "weather", "dead_lettered") - counter(metricsBefore, "weather", "dead_lettered"))
			.isEqualTo(1);
		assertThat(metrics).contains("tributary_warehouse_end_to_end_seconds_bucket{")
			.contains("tributary_warehouse_bulk_write_seconds_count{")
			.contains("kafka_consumer_fetch_manager_records_lag_max{");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(get("/actuator/prometheus", false).body()).containsPattern(
					"tributary_warehouse_consumer_lag\\{[^}]*topic=\"" + broker.topic("weather") + "\"} 0.0"));
	}

	@Test
	void redeliveryAndAFullReplayLeaveEveryAggregateUnchanged() throws Exception {
		List<TestEvent> events = new TestEvents(12, "replay").mixed(500);
		broker.publish(events);
		awaitAllTaken();
		Map<String, List<Document>> before = aggregateDocuments();

		broker.publish(events);
		awaitAllTaken();
		assertThat(aggregateDocuments()).isEqualTo(before);

		this.warehouse.stop();
		broker.rewindGroup();
		this.warehouse.start();
		await().atMost(Duration.ofSeconds(30)).until(() -> broker.lag() > 0 || this.warehouse.isRunning());
		awaitAllTaken();
		assertThat(aggregateDocuments()).as("after replaying every topic from the start").isEqualTo(before);
		ExpectedInsights expected = new ExpectedInsights();
		events.forEach((event) -> expected.add(event.role(), json.readTree(event.json())));
		assertInsights(expected);
	}

	@Test
	void theApiNeedsAKeyButItsDescriptionDoesNot() throws Exception {
		assertThat(get("/api/v1/locations", false).statusCode()).isEqualTo(401);
		HttpResponse<String> docs = get("/v3/api-docs", false);
		assertThat(docs.statusCode()).isEqualTo(200);
		assertThat(docs.body()).contains("/api/v1/insights/hourly")
			.contains("/api/v1/events/{topic}/{id}")
			.contains("X-API-Key");
		assertThat(get("/actuator/health", false).body()).contains("\"mongo\":{\"status\":\"UP\"");
		assertThat(get("/readyz", false).body()).contains("\"status\":\"UP\"");
	}

	private void awaitAllTaken() {
		broker.awaitAllCommitted(Duration.ofMinutes(2));
	}

	private void assertInsights(ExpectedInsights expected) throws Exception {
		String range = "&from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z";
		for (String location : expected.hourly.keySet()) {
			expected.assertHourly(location, getJson("/api/v1/insights/hourly?location=" + encode(location) + range));
		}
		for (String product : expected.products.keySet()) {
			expected.assertProduct(product, getJson("/api/v1/insights/products/" + encode(product)));
		}
		for (String platform : expected.platforms.keySet()) {
			if (!platform.isEmpty()) {
				expected.assertPlatform(platform,
						getJson("/api/v1/insights/sentiment?platform=" + encode(platform) + range));
			}
		}
		JsonNode locations = getJson("/api/v1/locations?size=500");
		List<String> known = new ArrayList<>();
		locations.get("items").forEach((item) -> known.add(item.get("location").stringValue()));
		assertThat(known).containsAll(expected.hourly.keySet());
	}

	private Map<String, List<Document>> aggregateDocuments() {
		Map<String, List<Document>> documents = new HashMap<>();
		for (String collection : new String[] { "hourly_insights", "product_insights", "platform_insights",
				"locations" }) {
			documents.put(collection, this.mongo.getCollection(collection).find().into(new ArrayList<>()));
		}
		return documents;
	}

	private static long counter(String metrics, String role, String outcome) {
		Matcher matcher = Pattern
			.compile("tributary_warehouse_events_total\\{[^}]*outcome=\"" + outcome + "\",topic=\""
					+ Pattern.quote(broker.topic(role)) + "\"} (\\S+)")
			.matcher(metrics);
		return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : 0;
	}

	private JsonNode getJson(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = get(path, true);
		assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private HttpResponse<String> get(String path, boolean withKey) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (withKey) {
			request.header("X-API-Key", API_KEY);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
