package tributary.sentiment.stream;

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
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tributary.testsupport.CommittedRecords;
import tributary.testsupport.contracts.ContractSchemas;
import tributary.sentiment.engine.SentimentScore;
import tributary.sentiment.engine.SentimentScorer;
import tributary.sentiment.system.SentimentProperties;
import tributary.testsupport.Infrastructure;
import tributary.testsupport.OperationalEndpoints;
import tributary.testsupport.WithInfrastructure;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The stream through a real broker: posts in, one scored record out per post; poison
 * records to the dead-letter topic without stopping the partition; the operational
 * surface with the stream's metrics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithInfrastructure
class PostStreamIntegrationTests {

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	private static final String POSTS = "social_media_" + RUN;

	private static final String SENTIMENT = "customer_sentiment_" + RUN;

	private static final String DEAD_LETTERS = POSTS + "_dlt";

	@DynamicPropertySource
	static void isolatedTopics(DynamicPropertyRegistry registry) {
		registry.add("tributary.topics.social-media", () -> POSTS);
		registry.add("tributary.topics.customer-sentiment", () -> SENTIMENT);
		registry.add("tributary.sentiment.stream.group-id", () -> "sentiment-" + RUN);
	}

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	/** The scorer the service runs, as configured: its scores are the expected ones. */
	@Autowired
	SentimentScorer scorer;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Autowired
	SentimentProperties properties;

	@Test
	void runsAsManyConsumersAsConfiguredOneByDefault() {
		// The listener reads the setting through a placeholder with its own default, the
		// properties through a record default: the two must not drift apart.
		assertThat(this.properties.stream().concurrency()).isEqualTo(1);
		ConcurrentMessageListenerContainer<?, ?> container = (ConcurrentMessageListenerContainer<?, ?>) this.listeners
			.getListenerContainer("sentiment");
		assertThat(container).isNotNull();
		assertThat(container.getConcurrency()).isEqualTo(this.properties.stream().concurrency());
		assertThat(container.getContainers()).hasSize(1);
	}

	@Test
	void scoresEveryPostOnceAndKeepsItsKey() {
		List<String> texts = List.of("I love these headphones!", "Delivery was late again.", "It is a phone.",
				"Worst. Support. Ever. 😡", "sooo good 🔥 #blessed");
		List<ProducerRecord<String, String>> posts = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			String text = texts.get(i % texts.size());
			ProducerRecord<String, String> post = new ProducerRecord<>(POSTS, "author-" + (i % 7),
					KafkaTestClients.post("once-" + RUN + "-" + i, "author-" + (i % 7), text));
			post.headers().add(new RecordHeader("event-type", "post".getBytes(StandardCharsets.UTF_8)));
			post.headers().add(new RecordHeader("schema-version", "1".getBytes(StandardCharsets.UTF_8)));
			posts.add(post);
		}

		KafkaTestClients.send(posts);

		Map<String, ConsumerRecord<String, String>> scored = awaitScored("once-", 100);
		for (ProducerRecord<String, String> post : posts) {
			JsonNode input = this.json.readTree(post.value());
			String id = input.get("id").stringValue();
			ConsumerRecord<String, String> record = scored.get(id);
			assertThat(record).as(id).isNotNull();
			assertThat(record.key()).isEqualTo(post.key());
			assertThat(KafkaTestClients.header(record, "event-type")).isEqualTo("sentiment");
			assertThat(KafkaTestClients.header(record, "schema-version")).isEqualTo("1");
			assertThat(record.headers().lastHeader("__TypeId__")).isNull();
			ContractSchemas.assertValid("customer_sentiment", record.value());
			JsonNode output = this.json.readTree(record.value());
			assertThat(output.get("id").stringValue()).isEqualTo(id);
			assertThat(output.get("postId").stringValue()).isEqualTo(id);
			assertThat(output.get("author").stringValue()).isEqualTo(post.key());
			assertThat(output.get("platform").stringValue()).isEqualTo("twitter");
			assertThat(output.get("location").stringValue()).isEqualTo("Berlin");
			assertThat(output.get("productId").stringValue()).isEqualTo("hp-200");
			assertThat(output.get("createdAt").stringValue()).isEqualTo("2026-11-20T09:15:00Z");
			assertThat(output.get("ingestedAt").stringValue()).isEqualTo("2026-11-20T09:15:01.250Z");
			SentimentScore expected = this.scorer.score(input.get("text").stringValue());
			assertThat(output.get("compound").doubleValue()).isEqualTo(expected.compound());
			assertThat(output.get("positive").doubleValue()).isEqualTo(expected.positive());
			assertThat(output.get("neutral").doubleValue()).isEqualTo(expected.neutral());
			assertThat(output.get("negative").doubleValue()).isEqualTo(expected.negative());
			assertThat(output.get("label").stringValue()).isEqualTo(PostScorer.labelName(expected.label()));
			assertThat(output.get("engineVersion").stringValue()).isEqualTo(this.scorer.version());
		}
	}

	@Test
	void deadLettersUnreadableRecordsAndKeepsScoringThePartition() {
		String key = "poison-" + RUN;
		String noText = """
				{"id":"poison-%s-2","platform":"x","author":"a","createdAt":"2026-11-20T10:00:00Z"}""".formatted(RUN);
		// Same key, so the same partition: the post after the
		// bad ones must still come through.
		KafkaTestClients.send(List.of(new ProducerRecord<>(POSTS, key, "this is not JSON {"),
				new ProducerRecord<>(POSTS, key, noText),
				new ProducerRecord<>(POSTS, key, KafkaTestClients.post("poison-" + RUN + "-3", key, "Still here :)"))));

		assertThat(awaitScored("poison-", 1)).containsOnlyKeys("poison-" + RUN + "-3");
		List<ConsumerRecord<String, String>> dead = await().atMost(Duration.ofSeconds(60))
			.until(() -> ofKey(CommittedRecords.of(DEAD_LETTERS), key), (records) -> records.size() >= 2);
		assertThat(dead).hasSize(2);
		assertThat(dead).extracting(ConsumerRecord::value).containsExactly("this is not JSON {", noText);
		for (ConsumerRecord<String, String> record : dead) {
			assertThat(KafkaTestClients.header(record, "kafka_dlt-original-topic")).isEqualTo(POSTS);
			assertThat(KafkaTestClients.header(record, "kafka_dlt-original-partition")).isNotNull();
			assertThat(KafkaTestClients.header(record, "kafka_dlt-original-offset")).isNotNull();
			assertThat(KafkaTestClients.header(record, "kafka_dlt-exception-fqcn"))
				.isEqualTo("org.springframework.kafka.support.serializer.DeserializationException");
			assertThat(KafkaTestClients.header(record, "kafka_dlt-exception-cause-fqcn")).isNotNull();
		}
		assertThat(KafkaTestClients.header(dead.get(1), "kafka_dlt-exception-message"))
			.isEqualTo("Not a valid post: The post's text is missing");
		assertThat(KafkaTestClients.header(dead.get(1), "kafka_dlt-exception-cause-fqcn"))
			.isEqualTo(InvalidPost.class.getName());
		assertThat(CommittedRecords.of(SENTIMENT).stream().filter((record) -> key.equals(record.key()))).hasSize(1);
	}

	@Test
	void deadLettersPoisonOnEveryPartitionWithinSecondsAndScoresEveryGoodPostAroundIt() throws Exception {
		String key = "mixed-" + RUN;
		String id = key + "-";
		List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
		int good = 0;
		int poison = 0;
		for (int partition = 0; partition < 6; partition++) {
			List<byte[]> poisons = new ArrayList<>(List.of(
					utf8(KafkaTestClients.post(id + "far-" + partition, key, "From far ahead")
						.replace("2026-11-20T09:15:00Z", "+300000000-01-01T00:00:00Z")),
					new byte[] { 0, 1, (byte) 0xFF, '{' }, utf8("{\"x\":".repeat(5000) + "1" + "}".repeat(5000)),
					invalidUtf8(KafkaTestClients.post(id + "utf8-" + partition, key, "MARK")),
					utf8(KafkaTestClients.post(id + "surrogate-" + partition, key, "half \\ud800 a pair"))));
			if (partition == 0) {
				// At the source topic's size limit (the broker's default, 1 MiB): its
				// dead letter is larger still, by the headers.
				poisons.add(utf8(KafkaTestClients.post(id + "huge", key, "a".repeat(1_047_000))));
			}
			for (byte[] bad : poisons) {
				records.add(new ProducerRecord<>(POSTS, partition, utf8(key),
						utf8(KafkaTestClients.post(id + partition + "-" + good++, key, "Fine, thanks " + partition))));
				records.add(new ProducerRecord<>(POSTS, partition, utf8(key), bad));
				poison++;
			}
			records.add(new ProducerRecord<>(POSTS, partition, utf8(key),
					utf8(KafkaTestClients.post(id + partition + "-" + good++, key, "Last one :)"))));
		}
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers(),
						ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024,
						ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
				new ByteArraySerializer(), new ByteArraySerializer())) {
			for (ProducerRecord<byte[], byte[]> record : records) {
				producer.send(record).get(60, TimeUnit.SECONDS);
			}
		}

		assertThat(awaitScored("mixed-", good)).hasSize(good);
		int expectedDead = poison;
		List<ConsumerRecord<String, String>> dead = await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> ofKey(CommittedRecords.of(DEAD_LETTERS), key), (letters) -> letters.size() >= expectedDead);
		assertThat(dead).hasSize(poison);
		for (ConsumerRecord<String, String> letter : dead) {
			assertThat(KafkaTestClients.header(letter, "kafka_dlt-original-topic")).isEqualTo(POSTS);
			assertThat(letter.headers().lastHeader("kafka_dlt-original-partition").value()).hasSize(4);
			assertThat(letter.headers().lastHeader("kafka_dlt-original-offset").value()).hasSize(8);
			assertThat(KafkaTestClients.header(letter, "kafka_dlt-exception-message")).isNotBlank();
		}
		assertThat(dead).filteredOn((letter) -> letter.value().length() > 1_000_000)
			.singleElement()
			.satisfies((letter) -> assertThat(KafkaTestClients.header(letter, "kafka_dlt-exception-message"))
				.contains("text"));
		assertThat(dead).extracting((letter) -> KafkaTestClients.header(letter, "kafka_dlt-exception-message"))
			.anySatisfy((reason) -> assertThat(reason).contains("+300000000"))
			.anySatisfy((reason) -> assertThat(reason).contains("not UTF-8"))
			.anySatisfy((reason) -> assertThat(reason).contains("surrogate"));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(KafkaTestClients.committed("sentiment-" + RUN, POSTS))
				.isEqualTo(KafkaTestClients.endOffsets(POSTS)));
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] invalidUtf8(String json) {
		byte[] bytes = utf8(json);
		int at = json.indexOf("MARK");
		// An overlong '/': JSON parsers may read it, strict UTF-8 is not.
		bytes[at] = (byte) 0xC0;
		bytes[at + 1] = (byte) 0xAF;
		return bytes;
	}

	@Test
	void scoresPostsFromPlainProducersWithoutHeadersOrKey() {
		String plain = """
				{"id":"plain-%s-1","platform":"mastodon","author":"grace","text":"What a lovely day",\
				"createdAt":"2026-11-20T10:00:00Z","someFutureField":{"nested":true}}""".formatted(RUN);

		KafkaTestClients.send(List.of(new ProducerRecord<>(POSTS, null, plain)));

		ConsumerRecord<String, String> record = awaitScored("plain-", 1).get("plain-" + RUN + "-1");
		assertThat(record.key()).isNull();
		ContractSchemas.assertValid("customer_sentiment", record.value());
		JsonNode output = this.json.readTree(record.value());
		assertThat(output.get("ingestedAt").isNull()).isTrue();
		assertThat(output.get("label").stringValue()).isEqualTo("positive");
	}

	@Test
	void exposesOperationalEndpointsWithStreamMetricsAndConsumerLag() {
		KafkaTestClients.send(List.of(
				new ProducerRecord<>(POSTS, "metrics",
						KafkaTestClients.post("metrics-" + RUN + "-1", "metrics", "Great!")),
				new ProducerRecord<>(POSTS, "metrics", "]")));
		awaitScored("metrics-", 1);
		OperationalEndpoints endpoints = OperationalEndpoints.at("http://localhost:" + this.port);

		endpoints.assertStandard();

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			String metrics = endpoints.get("/actuator/prometheus").body();
			assertThat(metrics)
				.containsPattern("tributary_sentiment_scored_total\\{[^}]*label=\"positive\"[^}]*} [1-9]")
				.contains("tributary_sentiment_scoring_seconds_bucket")
				.containsPattern("tributary_sentiment_engine_info\\{[^}]*version=\""
						+ java.util.regex.Pattern.quote(this.scorer.version()) + "\"[^}]*} 1")
				.containsPattern("tributary_sentiment_dead_lettered_total\\{[^}]*reason=\"unreadable\"[^}]*} [1-9]")
				.contains("kafka_consumer_fetch_manager_records_lag_max");
		});
	}

	@Test
	void scoresTextsOverHttpWithAnApiKeyAndDescribesTheApiWithoutOne() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest score = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/sentiment/score"))
			.header("Content-Type", "application/json")
			.header("X-API-Key", "test-api-key-0123456789")
			.POST(HttpRequest.BodyPublishers.ofString("[{\"text\": \"I love it\"}, {\"text\": \"I hate it\"}]"))
			.build();

		HttpResponse<String> scored = http.send(score, HttpResponse.BodyHandlers.ofString());

		assertThat(scored.statusCode()).isEqualTo(200);
		JsonNode results = this.json.readTree(scored.body());
		assertThat(results.get(0).get("label").stringValue()).isEqualTo("positive");
		assertThat(results.get(1).get("label").stringValue()).isEqualTo("negative");
		HttpResponse<String> docs = OperationalEndpoints.at("http://localhost:" + this.port).get("/v3/api-docs");
		assertThat(docs.statusCode()).isEqualTo(200);
		assertThat(docs.body()).contains("/api/v1/sentiment/score")
			.contains("TextToScore")
			.contains("SentimentResult")
			.contains("X-API-Key");
	}

	/** Waits for the scored records of posts whose id starts with the prefix. */
	private Map<String, ConsumerRecord<String, String>> awaitScored(String prefix, int count) {
		String idPrefix = prefix + RUN + "-";
		List<ConsumerRecord<String, String>> scored = await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(300))
			.until(() -> CommittedRecords.of(SENTIMENT)
				.stream()
				.filter((record) -> this.json.readTree(record.value()).get("postId").stringValue().startsWith(idPrefix))
				.toList(), (records) -> records.size() >= count);
		Set<String> ids = scored.stream()
			.map((record) -> this.json.readTree(record.value()).get("postId").stringValue())
			.collect(Collectors.toSet());
		assertThat(ids).as("one record per post").hasSize(scored.size()).hasSize(count);
		return scored.stream()
			.collect(Collectors.toMap((record) -> this.json.readTree(record.value()).get("postId").stringValue(),
					Function.identity()));
	}

	private static List<ConsumerRecord<String, String>> ofKey(List<ConsumerRecord<String, String>> records,
			String key) {
		return records.stream().filter((record) -> key.equals(record.key())).toList();
	}

}
