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
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tributary.ingest.system.Json;
import tributary.testsupport.Infrastructure;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events the real broker refuses fail alone: the posts topic takes records of at most
 * {@value #TOPIC_MAX_BYTES} bytes (the broker refuses a larger one after it was sent) and
 * the producer sends records of at most {@value #PRODUCER_MAX_BYTES} bytes (it refuses a
 * larger one at once). Texts are random so that compression cannot shrink them under
 * either limit; the topic has one partition, so refused and accepted records share it.
 */
class BrokerRefusalIntegrationTests {

	static final int TOPIC_MAX_BYTES = 4096;

	static final int PRODUCER_MAX_BYTES = 8192;

	static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	static final String POSTS = "social_media_refusal_" + RUN;

	static final String KEY = "test-api-key-0123456789";

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final Random random = new Random(42);

	private static ConfigurableApplicationContext service;

	@BeforeAll
	static void start() throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(POSTS, 1, (short) 1)
				.configs(Map.of("max.message.bytes", Integer.toString(TOPIC_MAX_BYTES))))).all().get();
		}
		service = new SpringApplicationBuilder(IngestApplication.class).run("--server.port=0",
				"--spring.kafka.bootstrap-servers=" + Infrastructure.kafkaBootstrapServers(),
				"--spring.kafka.producer.properties.max.request.size=" + PRODUCER_MAX_BYTES,
				"--tributary.topics.social-media=" + POSTS,
				"--tributary.topics.weather-data=weather_data_refusal_" + RUN,
				"--tributary.topics.customer-feedback=customer_feedback_refusal_" + RUN);
	}

	@AfterAll
	static void stop() {
		if (service != null) {
			service.close();
		}
	}

	@Test
	void aBatchItemTheBrokerOrTheProducerRefusesFailsAloneAndTheOthersAreStored() throws Exception {
		String brokerRefuses = post("r-broker-" + RUN, 6000);
		String producerRefuses = post("r-producer-" + RUN, 9000);
		List<String> fine = List.of("r-1-" + RUN, "r-2-" + RUN, "r-3-" + RUN);
		String batch = "[" + post(fine.get(0), 20) + "," + brokerRefuses + "," + post(fine.get(1), 20) + ","
				+ producerRefuses + "," + post(fine.get(2), 20) + "]";

		HttpResponse<String> response = send(batch);

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
		assertThat(items.get(1).get("id").stringValue()).isEqualTo("r-broker-" + RUN);
		assertThat(items.get(3).get("id").stringValue()).isEqualTo("r-producer-" + RUN);

		List<ConsumerRecord<String, String>> stored = records(3).stream()
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
	void aSingleEventTheBrokerRefusesIs413WithItsIdAndTheNextIsTaken() throws Exception {
		HttpResponse<String> refused = send(post(null, 6000));
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(413);
		JsonNode problem = Json.tree(refused.body());
		assertThat(problem.get("title").stringValue()).isEqualTo("Event too large");
		assertThat(problem.get("id").stringValue()).hasSize(36);

		HttpResponse<String> taken = send(post("s-ok-" + RUN, 20));
		assertThat(taken.statusCode()).as(taken.body()).isEqualTo(202);
	}

	private static String post(String id, int textLength) {
		StringBuilder text = new StringBuilder(textLength);
		for (int i = 0; i < textLength; i++) {
			text.append((char) ('a' + random.nextInt(26)));
			if (random.nextInt(6) == 0) {
				text.append((char) ('A' + random.nextInt(26)));
			}
		}
		String idField = (id != null) ? "\"id\":\"" + id + "\"," : "";
		return "{" + idField + "\"platform\":\"x\",\"author\":\"ada\",\"text\":\""
				+ text.substring(0, Math.min(textLength, text.length())) + "\",\"createdAt\":\"2025-06-01T10:00:00Z\"}";
	}

	private static List<ConsumerRecord<String, String>> records(int atLeast) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				Infrastructure.kafkaBootstrapServers(), ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
			List<TopicPartition> partition = List.of(new TopicPartition(POSTS, 0));
			consumer.assign(partition);
			consumer.seekToBeginning(partition);
			List<ConsumerRecord<String, String>> records = new ArrayList<>();
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
				return records.size() >= atLeast && consumer.position(partition.get(0)) >= endOffset(consumer);
			});
			return records;
		}
	}

	private static long endOffset(KafkaConsumer<String, String> consumer) {
		return consumer.endOffsets(List.of(new TopicPartition(POSTS, 0))).values().iterator().next();
	}

	private static HttpResponse<String> send(String body) throws Exception {
		String base = "http://localhost:" + ((WebServerApplicationContext) service).getWebServer().getPort();
		return http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/social-media"))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.header("X-API-Key", KEY)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
