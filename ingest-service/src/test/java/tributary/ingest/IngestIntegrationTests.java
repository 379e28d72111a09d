package tributary.ingest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tributary.ingest.events.Contracts;
import tributary.ingest.events.Json;
import tributary.ingest.events.RecordSchemas;
import tributary.testsupport.Infrastructure;
import tributary.testsupport.OperationalEndpoints;
import tributary.testsupport.WithInfrastructure;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The service against a real broker, on topics of its own. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithInfrastructure
class IngestIntegrationTests {

	static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	static final String POSTS = "social_media_" + RUN;

	static final String READINGS = "weather_data_" + RUN;

	static final String FEEDBACK = "customer_feedback_" + RUN;

	static final String KEY = "test-api-key-0123456789";

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void ownTopics(DynamicPropertyRegistry registry) {
		registry.add("tributary.topics.social-media", () -> POSTS);
		registry.add("tributary.topics.weather-data", () -> READINGS);
		registry.add("tributary.topics.customer-feedback", () -> FEEDBACK);
	}

	@Test
	void aPostedEventArrivesOnItsTopicWithItsKeyHeadersAndJson() throws Exception {
		String id = "it-" + UUID.randomUUID();
		HttpResponse<String> response = post("/api/v1/social-media", "application/json", """
				{"id":"%s","platform":"mastodon","author":" grace ","text":"Delivery was late again.",
				 "createdAt":"2025-06-01T10:00:00+01:00","campaign":"spring"}""".formatted(id), KEY);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		JsonNode accepted = Json.tree(response.body());
		assertThat(accepted.get("id").stringValue()).isEqualTo(id);
		assertThat(accepted.get("topic").stringValue()).isEqualTo(POSTS);

		ConsumerRecord<String, String> record = records(POSTS).stream()
			.filter((candidate) -> Json.tree(candidate.value()).get("id").stringValue().equals(id))
			.findFirst()
			.orElseThrow();
		assertThat(record.key()).isEqualTo("grace");
		assertThat(record.partition()).isEqualTo(accepted.get("partition").intValue());
		assertThat(record.offset()).isEqualTo(accepted.get("offset").longValue());
		assertThat(header(record, "event-type")).isEqualTo("post");
		assertThat(header(record, "schema-version")).isEqualTo("1");
		JsonNode value = Json.tree(record.value());
		assertThat(value.get("author").stringValue()).isEqualTo("grace");
		assertThat(value.get("createdAt").stringValue()).isEqualTo("2025-06-01T09:00:00Z");
		assertThat(value.get("campaign").stringValue()).isEqualTo("spring");
		assertThat(value.get("ingestedAt").stringValue()).endsWith("Z");
		assertThat(Contracts.violations("social_media", record.value())).isEmpty();
	}

	@Test
	void aBatchWithBadItemsYields207AndOnlyTheGoodRecords() throws Exception {
		String good = """
				{"id":"%s","stationId":"DE-BER-01","location":"Berlin","observedAt":"2025-06-01T09:00:00Z","temperatureC":%s}""";
		String batch = "[" + good.formatted("r-1-" + RUN, "4.5") + "," + good.formatted("r-bad-" + RUN, "99") + ","
				+ good.formatted("r-2-" + RUN, "-3") + "]";
		HttpResponse<String> response = post("/api/v1/weather", "application/json", batch, KEY);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(207);
		JsonNode result = Json.tree(response.body());
		assertThat(result.get("accepted").intValue()).isEqualTo(2);
		assertThat(result.get("items").get(1).get("problem").get("errors").get(0).get("field").stringValue())
			.isEqualTo("temperatureC");
		List<ConsumerRecord<String, String>> records = records(READINGS);
		assertThat(records).extracting((record) -> Json.tree(record.value()).get("id").stringValue())
			.containsExactlyInAnyOrder("r-1-" + RUN, "r-2-" + RUN);
		assertThat(records).allSatisfy((record) -> {
			assertThat(record.key()).isEqualTo("DE-BER-01");
			assertThat(header(record, "event-type")).isEqualTo("weather-reading");
			assertThat(Contracts.violations("weather_data", record.value())).isEmpty();
		});
	}

	@Test
	void ndjsonLinesArriveAsRecords() throws Exception {
		StringBuilder lines = new StringBuilder();
		for (int i = 0; i < 25; i++) {
			lines.append("""
					{"id":"f-%d-%s","customerId":"c-%d","rating":%d,"submittedAt":"2025-06-01T11:30:00Z"}
					""".formatted(i, RUN, i % 4, 1 + i % 5));
		}
		HttpResponse<String> response = post("/api/v1/feedback", "application/x-ndjson", lines.toString(), KEY);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		assertThat(Json.tree(response.body()).get("accepted").intValue()).isEqualTo(25);
		List<ConsumerRecord<String, String>> records = records(FEEDBACK);
		assertThat(records).hasSize(25).allSatisfy((record) -> {
			assertThat(record.key()).isEqualTo(Json.tree(record.value()).get("customerId").stringValue());
			assertThat(header(record, "event-type")).isEqualTo("feedback");
			assertThat(Contracts.violations("customer_feedback", record.value())).isEmpty();
		});
	}

	@Test
	void anUnauthenticatedRequestGets401AndProducesNothing() throws Exception {
		long before = endOffsets(POSTS);
		String post = """
				{"platform":"x","author":"mallory","text":"hi","createdAt":"2025-06-01T10:00:00Z"}""";
		HttpResponse<String> missing = post("/api/v1/social-media", "application/json", post, null);
		HttpResponse<String> wrong = post("/api/v1/social-media", "application/json", post, "wrong-key-0123456789");
		assertThat(missing.statusCode()).isEqualTo(401);
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(missing.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(endOffsets(POSTS)).isEqualTo(before);
	}

	@Test
	void describesTheApiWithoutAKey() throws Exception {
		HttpResponse<String> docs = get("/v3/api-docs");
		assertThat(docs.statusCode()).isEqualTo(200);
		JsonNode api = Json.tree(docs.body());
		assertThat(api.get("paths").propertyNames()).contains("/api/v1/social-media", "/api/v1/weather",
				"/api/v1/feedback", "/api/v1/schemas/{topic}");
		JsonNode ingest = api.get("paths").get("/api/v1/weather").get("post");
		assertThat(ingest.get("responses").propertyNames()).contains("202", "207", "400", "401", "413", "415", "422",
				"429", "503");
		assertThat(ingest.get("requestBody").get("content").propertyNames()).contains("application/json",
				"application/x-ndjson");
		assertThat(ingest.get("responses").get("503").get("description").stringValue()).contains("id gives");
		assertThat(api.get("components").get("schemas").get("Problem").get("properties").propertyNames()).contains("id",
				"items");
		JsonNode reading = api.get("components").get("schemas").get("WeatherReading");
		assertThat(reading.get("required").toString()).contains("stationId", "temperatureC");
		assertThat(reading.get("properties").get("temperatureC").get("maximum").intValue()).isEqualTo(60);
		assertThat(api.get("components").get("securitySchemes").get("apiKey").get("name").stringValue())
			.isEqualTo("X-API-Key");
		assertThat(get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
		Map.of("Post", "social_media", "WeatherReading", "weather_data", "Feedback", "customer_feedback")
			.forEach((name, contract) -> assertBoundsAsInTheContract(api.get("components").get("schemas").get(name),
					contract));
	}

	/**
	 * The API description gives each field the bounds its contract gives it: the fields
	 * clients send are the record's but for {@code ingestedAt}, which the service sets.
	 */
	private static void assertBoundsAsInTheContract(JsonNode described, String contract) {
		JsonNode properties = RecordSchemas.contract(contract).get("properties");
		Set<String> names = new TreeSet<>(properties.propertyNames());
		names.remove("ingestedAt");
		assertThat(described.get("properties").propertyNames()).containsExactlyInAnyOrderElementsOf(names);
		for (String name : names) {
			JsonNode field = described.get("properties").get(name);
			JsonNode rules = properties.get(name);
			for (String keyword : List.of("maxLength", "pattern", "minimum", "maximum", "maxItems", "format")) {
				assertSameKeyword(contract + "." + name, keyword, field, rules);
			}
			// The contract leaves an optional text's minimum
			// to null: blank becomes absent.
			if (rules.has("minLength")) {
				assertSameKeyword(contract + "." + name, "minLength", field, rules);
			}
			if (rules.has("items")) {
				assertSameKeyword(contract + "." + name + "[]", "maxLength", field.get("items"), rules.get("items"));
			}
		}
	}

	private static void assertSameKeyword(String where, String keyword, JsonNode described, JsonNode contract) {
		JsonNode mine = described.get(keyword);
		JsonNode theirs = contract.get(keyword);
		assertThat(mine == null).as("%s %s: described %s, contract %s", where, keyword, mine, theirs)
			.isEqualTo(theirs == null);
		if (mine != null && theirs != null) {
			boolean same = mine.isNumber() ? mine.decimalValue().compareTo(theirs.decimalValue()) == 0
					: mine.equals(theirs);
			assertThat(same).as("%s %s: described %s, contract %s", where, keyword, mine, theirs).isTrue();
		}
	}

	@Test
	void exposesHealthProbesMetricsAndInfoButNothingElse() {
		OperationalEndpoints.at(base()).assertStandard();
	}

	@Test
	void exposesEventCountsPublishLatencyAndProducerMetrics() throws Exception {
		HttpResponse<String> accepted = post("/api/v1/feedback", "application/json", """
				{"customerId":"c-metrics","rating":3,"submittedAt":"2025-06-01T11:30:00Z"}""", KEY);
		assertThat(accepted.statusCode()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			String scrape = get("/actuator/prometheus").body();
			assertThat(scrape)
				.containsPattern("tributary_ingest_events_total\\{[^}]*outcome=\"accepted\"[^}]*topic=\"" + FEEDBACK
						+ "\"[^}]*} [1-9]")
				.contains("tributary_ingest_publish_seconds_bucket{")
				.containsPattern("tributary_ingest_publish_seconds_count\\{[^}]*topic=\"" + FEEDBACK + "\"[^}]*} [1-9]")
				.contains("kafka_producer_record_send_total")
				.contains("http_server_requests_seconds_bucket{");
		});
	}

	private List<ConsumerRecord<String, String>> records(String topic) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				Infrastructure.kafkaBootstrapServers(), ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic)
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			long end = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
			List<ConsumerRecord<String, String>> records = new ArrayList<>();
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
				return records.size() >= end;
			});
			return records;
		}
	}

	private long endOffsets(String topic) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				Infrastructure.kafkaBootstrapServers(), ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic)
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
		}
	}

	private static String header(ConsumerRecord<String, String> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

	private HttpResponse<String> post(String path, String contentType, String body, String key) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (key != null) {
			request.header("X-API-Key", key);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private String base() {
		return "http://localhost:" + this.port;
	}

}
