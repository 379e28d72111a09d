package tributary.sentiment.stream;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;
import tributary.sentiment.engine.SentimentEngine;
import tributary.sentiment.engine.SentimentScorer;
import tributary.sentiment.model.SentimentModel;
import tributary.support.topics.TopicsProperties;
import tributary.testsupport.contracts.ContractSchemas;

import org.springframework.kafka.support.KafkaHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Odd text through the stream's listener, with each scorer: a post the contract allows is
 * scored into a valid customer_sentiment record; one it does not (empty, over 10,000
 * characters, half a surrogate pair) is dead-lettered as unreadable with its reason. The
 * scorer never fails on one, and none stalls the partition.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OddPostTests {

	private static final JsonMapper jsonMapper = ListenerWithoutBroker.jsonMapper;

	private static final TopicsProperties topics = ListenerWithoutBroker.topics;

	static Stream<SentimentScorer> scorers() {
		return Stream.of(SentimentModel.loadDefault(), SentimentEngine.create());
	}

	/**
	 * Texts as they are written inside a JSON string, and whether the stream scores them.
	 */
	static Stream<Arguments> texts() {
		return Stream.of(Arguments.of("only emoji", "🔥🔥🔥😡👍🏽🏳️‍🌈", true),
				Arguments.of("other scripts", "東京の新しいカフェは最高です Это ужасно هذا رائع ไม่ดีเลย", true),
				Arguments.of("combining marks and controls", "e\u0301\u0301 \u202Egood\u202C \uFEFFbad \\u0000", true),
				Arguments.of("punctuation only", "!!!!!!????...", true),
				Arguments.of("a word up to the limit", "good ".repeat(2_000), true),
				Arguments.of("one word of 10,000 letters", "a".repeat(10_000), true),
				Arguments.of("paired surrogates escaped", "\\ud83d\\ude00 great", true),
				Arguments.of("empty", "", false), Arguments.of("100 KB", "bad ".repeat(25_000), false),
				Arguments.of("a word 10,000 times", "good ".repeat(10_000), false),
				Arguments.of("a lone high surrogate", "good \\ud83d", false),
				Arguments.of("a lone low surrogate", "\\ude00 bad", false));
	}

	static Stream<Arguments> cases() {
		return scorers().flatMap((scorer) -> texts()
			.map((text) -> Arguments.of(scorer.version(), scorer, text.get()[0], text.get()[1], text.get()[2])));
	}

	@ParameterizedTest(name = "{0}: {2}")
	@MethodSource("cases")
	void scoresOrDeadLettersOddText(String version, SentimentScorer scorer, String name, String text, boolean scored) {
		ListenerWithoutBroker stream = new ListenerWithoutBroker(scorer);
		String json = KafkaTestClients.post("odd-1", "author", text);
		RecordHeaders headers = new RecordHeaders();
		Deserializer<Post> deserializer = ListenerWithoutBroker.deserializer();
		Post post = deserializer.deserialize(topics.socialMedia(), headers, json.getBytes(StandardCharsets.UTF_8));
		ConsumerRecord<@Nullable String, @Nullable Post> record = new ConsumerRecord<>(topics.socialMedia(), 0, 0, 0L,
				TimestampType.CREATE_TIME, -1, -1, "author", post, headers, Optional.empty());

		stream.listener().onPosts(List.of(record), mock(Consumer.class));

		List<ProducerRecord<?, ?>> sent = stream.sent();
		assertThat(sent).hasSize(1);
		ProducerRecord<?, ?> out = sent.get(0);
		if (scored) {
			assertThat(out.topic()).isEqualTo(topics.customerSentiment());
			String value = new String((byte[]) out.value(), StandardCharsets.UTF_8);
			ContractSchemas.assertValid("customer_sentiment", value);
			assertThat(jsonMapper.readTree(value).get("engineVersion").stringValue()).isEqualTo(scorer.version());
		}
		else {
			assertThat(out.topic()).isEqualTo(topics.deadLetter(topics.socialMedia()));
			Header reason = out.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE);
			assertThat(new String(reason.value(), StandardCharsets.UTF_8)).contains("text");
			assertThat(stream.registry()
				.get("tributary.sentiment.dead.lettered")
				.tag("reason", "unreadable")
				.counter()
				.count()).isOne();
		}
		assertThat(stream.registry()
			.get("tributary.sentiment.dead.lettered")
			.tag("reason", "scoring-failed")
			.counter()
			.count()).isZero();
	}

}
