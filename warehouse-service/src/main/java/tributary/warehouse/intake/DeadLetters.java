package tributary.warehouse.intake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.warehouse.events.SourceTopics;

import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.SendResult;

/**
 * Publishes unusable records to their topic's dead-letter topic, byte for byte, with the
 * original headers and the standard {@code kafka_dlt-*} headers a
 * {@code DeadLetterPublishingRecoverer} would add, plus {@value #REASON_HEADER} in plain
 * words.
 *
 * <p>
 * The listener dead-letters in bulk and waits for the broker to acknowledge every one
 * before the batch's offsets are committed: a poison record costs one send, never a
 * re-poll of its partition, and is never lost.
 */
class DeadLetters {

	/** The header that says, in words, why a record was dead-lettered. */
	public static final String REASON_HEADER = "tributary-dead-letter-reason";

	private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

	private static final Duration ACKNOWLEDGEMENT_TIMEOUT = Duration.ofSeconds(60);

	private final KafkaOperations<byte[], byte[]> kafka;

	private final SourceTopics topics;

	private final String groupId;

	DeadLetters(KafkaOperations<byte[], byte[]> kafka, SourceTopics topics, String groupId) {
		this.kafka = kafka;
		this.topics = topics;
		this.groupId = groupId;
	}

	/**
	 * Publishes the records and waits until the broker has them all.
	 * @param rejections the records and why
	 * @throws KafkaException if any could not be published; the batch is then retried
	 */
	void publish(List<Rejection> rejections) {
		if (rejections.isEmpty()) {
			return;
		}
		List<CompletableFuture<SendResult<byte[], byte[]>>> sends = new ArrayList<>(rejections.size());
		for (Rejection rejection : rejections) {
			ConsumerRecord<byte[], byte[]> record = rejection.record();
			log.warn("Dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
					rejection.reason());
			sends.add(this.kafka.send(new ProducerRecord<>(this.topics.deadLetter(record.topic()), null, record.key(),
					record.value(), headers(rejection))));
		}
		try {
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
				.get(ACKNOWLEDGEMENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new KafkaException("Could not dead-letter " + rejections.size() + " records", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KafkaException("Interrupted while dead-lettering", ex);
		}
	}

	private Headers headers(Rejection rejection) {
		ConsumerRecord<byte[], byte[]> record = rejection.record();
		Headers headers = new RecordHeaders(record.headers().toArray());
		headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8(record.topic()));
		headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(record.partition()).array());
		headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(record.offset()).array());
		headers.add(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP, ByteBuffer.allocate(8).putLong(record.timestamp()).array());
		headers.add(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP_TYPE, utf8(record.timestampType().toString()));
		headers.add(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, utf8(this.groupId));
		headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, utf8(rejection.problem().getName()));
		headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8(rejection.reason()));
		headers.add(REASON_HEADER, utf8(rejection.reason()));
		return headers;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
