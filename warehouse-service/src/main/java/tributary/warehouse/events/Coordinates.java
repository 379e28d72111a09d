package tributary.warehouse.events;

/**
 * Where a record sits in Kafka: one record has exactly one.
 *
 * @param topic the topic
 * @param partition the partition
 * @param offset the offset in the partition
 */
public record Coordinates(String topic, int partition, long offset) {

	@Override
	public String toString() {
		return this.topic + "-" + this.partition + "@" + this.offset;
	}

}
