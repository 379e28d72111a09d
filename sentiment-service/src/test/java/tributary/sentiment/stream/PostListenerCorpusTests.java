package tributary.sentiment.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tributary.testsupport.contracts.ContractSchemas;
import tributary.sentiment.engine.SentimentEngine;
import tributary.support.topics.TopicsProperties;
import tributary.testsupport.corpus.Corpus;
import tributary.testsupport.corpus.CorpusRecord;
import tributary.testsupport.corpus.Topic;

import org.springframework.kafka.support.KafkaHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The stream's listener, with its own deserializer and dead-letter recoverer, fed a
 * generated corpus of social_media records: nothing escapes to roll the transaction back,
 * every record is scored (into a record valid under customer_sentiment) or dead-lettered
 * with its reason and coordinates, and every post valid under the contract is scored.
 * {@code -Dtributary.corpus.size=20000} runs a larger corpus.
 */
class PostListenerCorpusTests {

	/** What the stream reads of a post; ingestedAt only when it is there. */
	private static final Set<String> READ = Set.of("id", "platform", "author", "text", "createdAt", "location",
			"productId");

	@Test
	void everyPostIsScoredOrDeadLetteredAndEveryValidOneIsScored() {
		long seed = Corpus.seed(20261203L);
		int size = Corpus.size(2000);
		TopicsProperties topics = ListenerWithoutBroker.topics;
		ListenerWithoutBroker stream = new ListenerWithoutBroker(SentimentEngine.create());
		PostListener listener = stream.listener();
		List<ProducerRecord<?, ?>> sent = stream.sent();
		Deserializer<Post> deserializer = ListenerWithoutBroker.deserializer();
		Consumer<?, ?> consumer = mock(Consumer.class);

		Corpus corpus = new Corpus(seed, "s" + Long.toHexString(seed));
		Random random = new Random(seed);
		long[] offsets = new long[6];
		Map<String, CorpusRecord> generated = new HashMap<>();
		List<ConsumerRecord<@Nullable String, @Nullable Post>> records = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			CorpusRecord record = corpus.record(Topic.POST);
			int partition = random.nextInt(6);
			long offset = offsets[partition]++;
			RecordHeaders headers = new RecordHeaders();
			Post post = (record.value() != null)
					? deserializer.deserialize(topics.socialMedia(), headers, record.value()) : null;
			generated.put(partition + "@" + offset, record);
			records.add(new ConsumerRecord<>(topics.socialMedia(), partition, offset, 0L, TimestampType.CREATE_TIME, -1,
					-1, "key", post, headers, Optional.empty()));
		}
		for (int from = 0; from < records.size();) {
			List<ConsumerRecord<@Nullable String, @Nullable Post>> batch = records.subList(from,
					Math.min(records.size(), from + 1 + random.nextInt(2000)));
			assertThatNoException().as("seed %d", seed).isThrownBy(() -> listener.onPosts(batch, consumer));
			from += batch.size();
		}

		JsonSchema output = ContractSchemas.of("customer_sentiment");
		Map<String, ProducerRecord<?, ?>> scored = new HashMap<>();
		Map<String, ProducerRecord<?, ?>> dead = new HashMap<>();
		int next = 0;
		for (ProducerRecord<?, ?> record : sent) {
			if (record.topic().equals(topics.customerSentiment())) {
				// Outputs are sent in input order, one per scored post.
				while (dead.containsKey(key(records.get(next)))) {
					next++;
				}
				String coordinates = key(records.get(next++));
				String json = new String((byte[]) record.value(), StandardCharsets.UTF_8);
				assertThat(output.validate(json, InputFormat.JSON)).as(json).isEmpty();
				assertThat(json).doesNotContain("\"+").as("four-digit years only");
				scored.put(coordinates, record);
			}
			else {
				assertThat(record.topic()).isEqualTo(topics.deadLetter(topics.socialMedia()));
				String coordinates = ByteBuffer.wrap(header(record, KafkaHeaders.DLT_ORIGINAL_PARTITION)).getInt() + "@"
						+ ByteBuffer.wrap(header(record, KafkaHeaders.DLT_ORIGINAL_OFFSET)).getLong();
				assertThat(new String(header(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE), StandardCharsets.UTF_8))
					.as("reason for %s", generated.get(coordinates))
					.isNotBlank();
				assertThat(dead.put(coordinates, record)).as("dead-lettered once").isNull();
			}
		}
		int valid = 0;
		int invalid = 0;
		for (Map.Entry<String, CorpusRecord> entry : generated.entrySet()) {
			CorpusRecord record = entry.getValue();
			boolean isScored = scored.containsKey(entry.getKey());
			boolean isDead = dead.containsKey(entry.getKey());
			assertThat(isScored ^ isDead)
				.as("scored (%s) or dead-lettered (%s), seed %d: %s", isScored, isDead, seed, record)
				.isTrue();
			if (record.mustBeProcessed(READ, false) && !"ingestedAt".equals(record.field())) {
				valid++;
				assertThat(isScored)
					.as("scored, seed %d: %s, dead-lettered because %s", seed, record,
							isDead ? new String(header(dead.get(entry.getKey()), KafkaHeaders.DLT_EXCEPTION_MESSAGE),
									StandardCharsets.UTF_8) : "-")
					.isTrue();
			}
			if (record.mustBeDeadLettered(READ)) {
				invalid++;
				assertThat(isDead).as("dead-lettered, seed %d: %s", seed, record).isTrue();
			}
		}
		assertThat(valid).as("valid posts generated").isGreaterThan(size / 3);
		assertThat(invalid).as("invalid posts generated").isGreaterThan(size / 5);
	}

	private static String key(ConsumerRecord<?, ?> record) {
		return record.partition() + "@" + record.offset();
	}

	private static byte[] header(ProducerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? header.value() : new byte[0];
	}

}
