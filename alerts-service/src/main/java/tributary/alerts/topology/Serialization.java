package tributary.alerts.topology;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tributary.alerts.rules.Alert;
import tributary.alerts.rules.WindowStats;

/**
 * How the topology's records are read and written: input values read once by their
 * contract's reader, alerts as the contract's JSON, window state in sixteen bytes, dead
 * letters as the bytes they arrived with.
 */
final class Serialization {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private Serialization() {
	}

	/** Alerts as JSON, read back by the tests and by nothing else here. */
	static Serde<Alert> alerts() {
		Serializer<Alert> serializer = (topic, alert) -> mapper.writeValueAsBytes(alert);
		Deserializer<Alert> deserializer = (topic, bytes) -> mapper.readValue(bytes, Alert.class);
		return Serdes.serdeFrom(serializer, deserializer);
	}

	/**
	 * An input topic's values, read once by the contract's reader as they are
	 * deserialised; never throws, so that no record stops its partition (what the reader
	 * refuses is dead-lettered by the topology). Only read, never written.
	 */
	static <T> Serde<Parsed<T>> parsed(Function<byte @Nullable [], T> reader, Function<T, Instant> eventTime) {
		Serializer<Parsed<T>> serializer = (topic, parsed) -> {
			throw new SerializationException("input records are not written back");
		};
		Deserializer<Parsed<T>> deserializer = (topic, bytes) -> Parsed.of(bytes, reader, eventTime);
		return Serdes.serdeFrom(serializer, deserializer);
	}

	/** A window's count and sum, in its state store and changelog. */
	static Serde<WindowStats> windowStats() {
		Serializer<WindowStats> serializer = (topic,
				stats) -> ByteBuffer.allocate(16).putLong(stats.count()).putDouble(stats.sum()).array();
		Deserializer<WindowStats> deserializer = (topic, bytes) -> {
			if (bytes == null || bytes.length != 16) {
				throw new SerializationException("window state of " + ((bytes != null) ? bytes.length : 0)
						+ " bytes in " + topic + ", expected 16");
			}
			ByteBuffer buffer = ByteBuffer.wrap(bytes);
			return new WindowStats(buffer.getLong(), buffer.getDouble());
		};
		return Serdes.serdeFrom(serializer, deserializer);
	}

	/** A rejected record's value, exactly as it arrived; written, never read here. */
	static <T> Serde<Checked<T>> deadLetters() {
		Serializer<Checked<T>> serializer = (topic, checked) -> {
			if (checked instanceof Checked.Rejected<?> rejected) {
				return rejected.value();
			}
			throw new SerializationException("only rejected records are dead-lettered");
		};
		Deserializer<Checked<T>> deserializer = (topic, bytes) -> {
			throw new SerializationException("dead letters are not read back");
		};
		return Serdes.serdeFrom(serializer, deserializer);
	}

	/**
	 * Puts a dead letter in the partition of the dead-letter topic its record came from,
	 * as the other services do.
	 */
	static <T> StreamPartitioner<byte[], Checked<T>> samePartition() {
		return (topic, key, checked, partitions) -> {
			if (checked instanceof Checked.Rejected<?> rejected) {
				return Optional.of(Set.of(Math.floorMod(rejected.partition(), partitions)));
			}
			return Optional.empty();
		};
	}

}
