package tributary.ingest.publishing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tributary.ingest.events.EventType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The producer refuses at once an event the broker would refuse, so that it fails alone;
 * it measures a record before compression and the broker a batch after it. The largest
 * record the producer takes, incompressible, must still fit the broker's limit once
 * compressed, whichever codec the producer is configured with and however large the
 * limit.
 */
class ProducerLimitTests {

	@ParameterizedTest(name = "{0} under a limit of {1} bytes")
	@CsvSource({ "snappy, 4096", "snappy, 1048588", "snappy, 8388608", "snappy, 33554432", "lz4, 4096", "lz4, 1048588",
			"lz4, 33554432", "zstd, 1048588", "zstd, 33554432", "gzip, 1048588", "gzip, 33554432" })
	void theLargestRecordTheProducerTakesFitsTheBrokerCompressed(String codec, int brokerLimit) {
		CompressionType type = CompressionType.forName(codec);
		int producerLimit = PublishingConfiguration.producerLimit(brokerLimit);
		byte[] key = "station-0042".getBytes(StandardCharsets.UTF_8);
		Header[] headers = {
				new RecordHeader(EventType.EVENT_TYPE_HEADER, "weather-reading".getBytes(StandardCharsets.UTF_8)),
				new RecordHeader(EventType.SCHEMA_VERSION_HEADER,
						EventType.SCHEMA_VERSION.getBytes(StandardCharsets.UTF_8)) };
		byte[] value = incompressible(largestValue(type, key, headers, producerLimit));

		MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(1024), Compression.of(type).build(),
				TimestampType.CREATE_TIME, 0L);
		builder.append(1_765_000_000_000L, key, value, headers);
		MemoryRecords batch = builder.build();

		assertThat(batch.sizeInBytes()).as("a batch of one %d-byte record", value.length)
			.isLessThanOrEqualTo(brokerLimit);
	}

	/** The longest value whose record the producer still takes under its limit. */
	private static int largestValue(CompressionType type, byte[] key, Header[] headers, int producerLimit) {
		int length = producerLimit;
		while (AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE, type,
				ByteBuffer.wrap(key), ByteBuffer.allocate(length), headers) > producerLimit) {
			length--;
		}
		return length;
	}

	private static byte[] incompressible(int length) {
		byte[] bytes = new byte[length];
		new Random(42).nextBytes(bytes);
		return bytes;
	}

}
