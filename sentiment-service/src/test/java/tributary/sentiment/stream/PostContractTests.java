package tributary.sentiment.stream;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tributary.testsupport.contracts.ContractSchemas;
import tributary.testsupport.contracts.ContractSchemas.Example;
import tributary.sentiment.engine.SentimentEngine;

import org.springframework.kafka.support.KafkaUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract with the other services, with the service's own (de)serializers and Boot's
 * JSON mapper: every social_media example is read, every record produced satisfies the
 * customer_sentiment schema.
 */
class PostContractTests {

	private static final JsonMapper jsonMapper = ListenerWithoutBroker.jsonMapper;

	private final Deserializer<Post> deserializer = StreamConfiguration.postDeserializer(jsonMapper);

	private final Serializer<Object> serializer = StreamConfiguration.valueSerializer(jsonMapper);

	private final PostScorer scorer = new PostScorer(SentimentEngine.create(),
			new StreamMetrics(new SimpleMeterRegistry()),
			Clock.fixed(Instant.parse("2026-11-20T09:15:02.500Z"), ZoneOffset.UTC));

	static List<Example> socialMediaExamples() {
		return ContractSchemas.examples("social_media");
	}

	static List<Example> customerSentimentExamples() {
		return ContractSchemas.examples("customer_sentiment");
	}

	@ParameterizedTest
	@MethodSource("socialMediaExamples")
	void readsEverySocialMediaExample(Example example) {
		JsonNode json = jsonMapper.readTree(example.json());

		Post post = read(example.json());

		assertThat(post).isNotNull();
		assertThat(post.id()).isEqualTo(json.get("id").stringValue());
		assertThat(post.author()).isEqualTo(json.get("author").stringValue());
		assertThat(post.platform()).isEqualTo(json.get("platform").stringValue());
		assertThat(post.text()).isEqualTo(json.get("text").stringValue());
		assertThat(post.createdAt()).isEqualTo(Instant.parse(json.get("createdAt").stringValue()));
		assertThat(post.ingestedAt()).isEqualTo(Instant.parse(json.get("ingestedAt").stringValue()));
	}

	@ParameterizedTest
	@MethodSource("socialMediaExamples")
	void scoresEverySocialMediaExampleIntoAValidSentimentRecord(Example example) {
		JsonNode post = jsonMapper.readTree(example.json());

		String json = write(this.scorer.score(read(example.json())));

		ContractSchemas.assertValid("customer_sentiment", json);
		JsonNode scored = jsonMapper.readTree(json);
		assertThat(scored.get("id").stringValue()).isEqualTo(post.get("id").stringValue());
		assertThat(scored.get("postId").stringValue()).isEqualTo(post.get("id").stringValue());
		assertThat(scored.get("createdAt").stringValue()).isEqualTo(post.get("createdAt").stringValue());
		assertThat(scored.get("analyzedAt").stringValue()).isEqualTo("2026-11-20T09:15:02.500Z");
		assertThat(scored.get("engineVersion").stringValue()).isEqualTo(SentimentEngine.VERSION);
		assertThat(scored.get("label").stringValue()).isIn("positive", "neutral", "negative");
	}

	@ParameterizedTest
	@MethodSource("customerSentimentExamples")
	void everySentimentExampleSatisfiesTheSchema(Example example) {
		ContractSchemas.assertValid("customer_sentiment", example.json());
	}

	@Test
	void writesNullForUnknownOptionalFieldsAndKeepsAMissingIngestedAtValid() {
		Post post = read("""
				{"id":"p-1","platform":"kcat","author":"a","text":"meh","createdAt":"2026-11-20T10:00:00Z"}""");

		String json = write(this.scorer.score(post));

		ContractSchemas.assertValid("customer_sentiment", json);
		JsonNode scored = jsonMapper.readTree(json);
		assertThat(scored.get("ingestedAt").isNull()).isTrue();
		assertThat(scored.get("location").isNull()).isTrue();
		assertThat(scored.get("productId").isNull()).isTrue();
	}

	@Test
	void scoresLongUnicodeTextsAtTheLimitsIntoValidRecords() {
		String id = "i".repeat(Post.MAX_ID_LENGTH);
		String phrase = "Ünïcödé 😂🔥💀 is sooo good!!! ";
		String text = phrase.repeat(Post.MAX_TEXT_LENGTH / phrase.length());
		text = text + "a".repeat(Post.MAX_TEXT_LENGTH - text.length());
		Post post = new Post(id, "p".repeat(Post.MAX_PLATFORM_LENGTH), id, text,
				Instant.parse("2026-11-20T10:00:00.123456789Z"), id, id, Instant.parse("2026-11-20T10:00:01Z"));

		ContractSchemas.assertValid("customer_sentiment", write(this.scorer.score(post)));
	}

	@Test
	void ignoresJavaTypeHeadersOfOtherProducers() {
		RecordHeaders headers = new RecordHeaders();
		headers.add("__TypeId__", "tributary.ingest.social.PostAccepted".getBytes(StandardCharsets.UTF_8));
		String json = ContractSchemas.examples("social_media").get(0).json();

		Post post = this.deserializer.deserialize("social_media", headers, json.getBytes(StandardCharsets.UTF_8));

		assertThat(post).isNotNull();
	}

	@Test
	void turnsUnreadableRecordsIntoAHeaderInsteadOfAnException() {
		for (String bad : List.of("not json", "{\"id\":\"p-1\"", "[1, 2]",
				"{\"id\":\"p-1\",\"platform\":\"x\",\"author\":\"a\",\"createdAt\":\"2026-11-20T10:00:00Z\"}",
				"{\"id\":\"p-1\",\"platform\":\"x\",\"author\":\"a\",\"text\":\"\",\"createdAt\":\"2026-11-20T10:00:00Z\"}",
				"{\"id\":\"p-1\",\"platform\":\"x\",\"author\":\"a\",\"text\":\"hi\",\"createdAt\":\"yesterday\"}",
				"{\"platform\":\"x\",\"author\":\"a\",\"text\":\"hi\",\"createdAt\":\"2026-11-20T10:00:00Z\"}")) {
			RecordHeaders headers = new RecordHeaders();

			Post post = this.deserializer.deserialize("social_media", headers, bad.getBytes(StandardCharsets.UTF_8));

			assertThat(post).as(bad).isNull();
			assertThat(headers.lastHeader(KafkaUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER)).as(bad).isNotNull();
		}
	}

	private Post read(String json) {
		Post post = this.deserializer.deserialize("social_media", new RecordHeaders(),
				json.getBytes(StandardCharsets.UTF_8));
		assertThat(post).as(json).isNotNull();
		return post;
	}

	private String write(PostScored scored) {
		return new String(this.serializer.serialize("customer_sentiment", new RecordHeaders(), scored),
				StandardCharsets.UTF_8);
	}

}
