package tributary.warehouse.events;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Where a record sits in Kafka: one record has exactly one.
 *
 * @param topic the topic
 * @param topicId the Kafka id of the topic's incarnation the record belongs to, or
 * {@code null} where it is not known (as the consumer hands records over, and on
 * documents stored before topic ids were kept)
 * @param partition the partition
 * @param offset the offset in the partition
 */
public record Coordinates(String topic, @Nullable String topicId, int partition, long offset) {

	/**
	 * A record's coordinates as the consumer gives them, without the topic id.
	 * @param topic the topic
	 * @param partition the partition
	 * @param offset the offset in the partition
	 */
	public Coordinates(String topic, int partition, long offset) {
		this(topic, null, partition, offset);
	}

	/** The same place, in the given incarnation of the topic. */
	public Coordinates in(String topicId) {
		return new Coordinates(this.topic, Objects.requireNonNull(topicId), this.partition, this.offset);
	}

	@Override
	public String toString() {
		return this.topic + "-" + this.partition + "@" + this.offset;
	}

}
