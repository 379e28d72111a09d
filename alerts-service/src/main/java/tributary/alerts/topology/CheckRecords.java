package tributary.alerts.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.support.KafkaHeaders;

/**
 * Passes on, for each record of an input topic as its deserialiser read it
 * ({@link Parsed}), either what the rules need or, for a record that breaks the contract,
 * its original bytes with the dead-letter headers the other services write: the original
 * headers, then {@code kafka_dlt-original-topic}, {@code -partition}, {@code -offset},
 * {@code -consumer-group}, {@code kafka_dlt-exception-fqcn}, {@code -message} and
 * {@value #REASON_HEADER}.
 *
 * <p>
 * Nothing a record holds makes this throw: the deserialiser never throws, and whatever
 * its reader refused is dead-lettered at once and the partition goes on.
 *
 * @param <T> what the reader reads
 */
final class CheckRecords<T> implements FixedKeyProcessor<byte[], Parsed<T>, Checked<T>> {

	/** The header that says, in words, why a record was dead-lettered. */
	static final String REASON_HEADER = "tributary-dead-letter-reason";

	private static final Logger log = LoggerFactory.getLogger(CheckRecords.class);

	private static final int MAX_REASON_LENGTH = 500;

	private final AlertMetrics metrics;

	private @Nullable FixedKeyProcessorContext<byte[], Checked<T>> context;

	CheckRecords(AlertMetrics metrics) {
		this.metrics = metrics;
	}

	@Override
	public void init(FixedKeyProcessorContext<byte[], Checked<T>> context) {
		this.context = context;
	}

	@Override
	public void process(FixedKeyRecord<byte[], Parsed<T>> record) {
		FixedKeyProcessorContext<byte[], Checked<T>> context = this.context;
		if (context == null) {
			throw new IllegalStateException("not initialised");
		}
		if (record.value() instanceof Parsed.Unreadable<T> unreadable) {
			RecordMetadata origin = context.recordMetadata().orElseThrow();
			RuntimeException ex = unreadable.failure();
			String reason = reason(ex);
			log.warn("Dead-lettering {}-{}@{}: {}", origin.topic(), origin.partition(), origin.offset(), reason);
			this.metrics.deadLettered(origin.topic());
			context.forward(record.<Checked<T>>withValue(new Checked.Rejected<>(unreadable.bytes(), origin.partition()))
				.withHeaders(deadLetterHeaders(record.headers(), origin, context.applicationId(), ex, reason)));
			return;
		}
		Parsed.Readable<T> readable = (Parsed.Readable<T>) record.value();
		boolean eventTime = EventTimeExtractor.isEventTime(record.timestamp(), readable.eventTime());
		context.forward(record.withValue(new Checked.Accepted<>(readable.value(), eventTime)));
	}

	private static String reason(RuntimeException ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		return (message.length() > MAX_REASON_LENGTH) ? message.substring(0, MAX_REASON_LENGTH) + "…" : message;
	}

	private static Headers deadLetterHeaders(Headers original, RecordMetadata origin, String group, RuntimeException ex,
			String reason) {
		Headers headers = new RecordHeaders(original.toArray());
		headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8(origin.topic()));
		headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(origin.partition()).array());
		headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(origin.offset()).array());
		headers.add(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, utf8(group));
		headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, utf8(ex.getClass().getName()));
		headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8(reason));
		headers.add(REASON_HEADER, utf8(reason));
		return headers;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
