package tributary.sentiment.stream;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tributary.sentiment.stream.StreamMetrics.DeadLetterReason;
import tributary.support.topics.TopicsProperties;

import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Scores each batch of posts polled from social_media inside one Kafka transaction.
 *
 * <p>
 * The container begins a transaction before calling {@link #onPosts}, and after it
 * returns adds the batch's offsets to the same transaction and commits it: the scored
 * records, the dead-lettered ones and the consumer group's progress become visible
 * together or not at all. A crash before the commit aborts everything, and the next
 * consumer of the partitions starts again from the last committed offsets, so a
 * read_committed reader sees each post exactly once.
 *
 * <p>
 * One transaction per poll (up to {@code max.poll.records} posts) rather than per post: a
 * commit costs a few round trips to the transaction coordinator and a marker per
 * partition, which per post would cap the stream at a few hundred posts per second.
 *
 * <p>
 * Records that can never be scored are dead-lettered here, in the transaction, instead of
 * by throwing to an error handler: with a batch listener, the error handler would commit
 * the offsets before the bad record outside the transaction and roll back their scored
 * records, and an exception would also replay the whole batch. Anything else that fails
 * (the broker, a full buffer) is thrown, rolls the transaction back and is retried by the
 * after-rollback processor until it succeeds.
 */
@Component
class PostListener {

	private static final Logger log = LoggerFactory.getLogger(PostListener.class);

	private static final LogAccessor logAccessor = new LogAccessor(PostListener.class);

	static final String EVENT_TYPE_HEADER = "event-type";

	static final String SCHEMA_VERSION_HEADER = "schema-version";

	private static final Header EVENT_TYPE = new RecordHeader(EVENT_TYPE_HEADER,
			"sentiment".getBytes(StandardCharsets.UTF_8));

	private static final Header SCHEMA_VERSION = new RecordHeader(SCHEMA_VERSION_HEADER,
			"1".getBytes(StandardCharsets.UTF_8));

	private final PostScorer scorer;

	private final KafkaOperations<String, Object> kafka;

	private final DeadLetterPublishingRecoverer deadLetters;

	private final StreamMetrics metrics;

	private final String output;

	private final Serializer<Object> writer;

	PostListener(PostScorer scorer, KafkaOperations<String, Object> kafka, DeadLetterPublishingRecoverer deadLetters,
			StreamMetrics metrics, TopicsProperties topics, JsonMapper jsonMapper) {
		this.scorer = scorer;
		this.writer = StreamConfiguration.valueSerializer(jsonMapper);
		this.kafka = kafka;
		this.deadLetters = deadLetters;
		this.metrics = metrics;
		this.output = topics.customerSentiment();
	}

	// Placeholders, not SentimentProperties: annotation attributes cannot read a record
	// bean; the defaults are the same as there.
	@KafkaListener(id = "sentiment", groupId = "${tributary.sentiment.stream.group-id:sentiment}",
			topics = "${tributary.topics.social-media:social_media}",
			concurrency = "${tributary.sentiment.stream.concurrency:1}", batch = "true")
	void onPosts(List<ConsumerRecord<@Nullable String, @Nullable Post>> records, Consumer<?, ?> consumer) {
		for (ConsumerRecord<@Nullable String, @Nullable Post> record : records) {
			Post post = record.value();
			if (post == null) {
				DeserializationException unreadable = SerializationUtils.getExceptionFromHeader(record,
						KafkaUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, logAccessor);
				if (unreadable != null) {
					deadLetter(record, consumer, explained(unreadable), DeadLetterReason.UNREADABLE);
				}
				else {
					deadLetter(record, consumer, new InvalidPost("The record has no value"), DeadLetterReason.EMPTY);
				}
				continue;
			}
			PostScored scored;
			try {
				scored = this.scorer.score(post);
			}
			catch (RuntimeException ex) {
				// The engine is deterministic: trying again would fail again.
				deadLetter(record, consumer, ex, DeadLetterReason.SCORING_FAILED);
				continue;
			}
			byte[] value;
			try {
				// Written here rather than by the producer: a record that
				// cannot be written is this post's problem, while a send that
				// throws would roll back the batch.
				value = this.writer.serialize(this.output, scored);
			}
			catch (RuntimeException ex) {
				deadLetter(record, consumer, ex, DeadLetterReason.UNWRITABLE);
				continue;
			}
			// Errors of this asynchronous send fail the commit, which rolls back the
			// whole batch for a retry: nothing to wait for here.
			this.kafka.send(new ProducerRecord<>(this.output, null, record.key(), value,
					new RecordHeaders(new Header[] { EVENT_TYPE, SCHEMA_VERSION })));
		}
	}

	private void deadLetter(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception cause,
			DeadLetterReason reason) {
		log.warn("Dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
				cause.getMessage());
		this.deadLetters.accept(record, consumer, cause);
		this.metrics.deadLettered(reason);
	}

	/**
	 * The deserializer's exception says only "failed to deserialize"; the dead-letter
	 * headers ({@code kafka_dlt-exception-message}) should say why, e.g. "The post's text
	 * is missing", without anyone having to read a stack trace.
	 */
	private static DeserializationException explained(DeserializationException unreadable) {
		Throwable cause = unreadable;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		if (cause == unreadable) {
			return unreadable;
		}
		return new DeserializationException("Not a valid post: " + cause.getMessage(), unreadable.getData(), false,
				cause);
	}

}
