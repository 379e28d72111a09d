package tributary.support.codecs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.utils.BufferSupplier;
import org.apache.kafka.common.utils.CloseableIterator;

/**
 * Checks that this JVM can write and read records in every codec a Kafka producer may
 * choose. snappy and zstd are native code that their libraries unpack into a temporary
 * directory and load from there: where that directory does not allow executing files (a
 * tmpfs mounted {@code noexec}, as Docker mounts one by default), a batch in either codec
 * cannot be decompressed, and a consumer cannot read past it.
 */
public final class KafkaCodecs {

	/** Every codec but none. */
	static final List<CompressionType> CODECS = Arrays.stream(CompressionType.values())
		.filter((type) -> type != CompressionType.NONE)
		.toList();

	private static final byte[] VALUE = "{\"id\":\"codec-check\",\"text\":\"codec check codec check\"}"
		.getBytes(StandardCharsets.UTF_8);

	private KafkaCodecs() {
	}

	/**
	 * Writes and reads a record in every codec.
	 * @throws IllegalStateException naming each codec that failed, why, and what to
	 * change
	 */
	public static void requireAll() {
		require(CODECS, KafkaCodecs::roundTrip);
	}

	static void require(List<CompressionType> codecs, Consumer<CompressionType> roundTrip) {
		Map<String, String> failed = new LinkedHashMap<>();
		for (CompressionType codec : codecs) {
			try {
				roundTrip.accept(codec);
			}
			catch (RuntimeException | LinkageError ex) {
				failed.put(codec.name, rootCause(ex));
			}
		}
		if (!failed.isEmpty()) {
			StringBuilder message = new StringBuilder("This JVM cannot read Kafka records compressed with ")
				.append(String.join(", ", failed.keySet()))
				.append(", which any client may write to the topics. ");
			failed.forEach((codec, cause) -> message.append(codec).append(": ").append(cause).append(". "));
			message.append("snappy and zstd load native code that they unpack into java.io.tmpdir (")
				.append(System.getProperty("java.io.tmpdir"))
				.append("): it must be writable and allow executing files. A Docker tmpfs needs the exec option "
						+ "(tmpfs: /tmp:exec), as docker-compose.yml mounts it.");
			throw new IllegalStateException(message.toString());
		}
	}

	/** Writes a record in a batch compressed with the codec and reads it back. */
	static void roundTrip(CompressionType codec) {
		MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(256), Compression.of(codec).build(),
				TimestampType.CREATE_TIME, 0L);
		builder.append(0L, null, VALUE);
		MemoryRecords records = builder.build();
		for (RecordBatch batch : records.batches()) {
			try (CloseableIterator<Record> iterator = batch.streamingIterator(BufferSupplier.NO_CACHING)) {
				Record record = iterator.next();
				byte[] value = new byte[record.valueSize()];
				record.value().get(value);
				if (!Arrays.equals(value, VALUE)) {
					throw new IllegalStateException("the record read back differs from the one written");
				}
			}
		}
	}

	private static String rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause.getClass().getSimpleName() + ": " + cause.getMessage();
	}

}
