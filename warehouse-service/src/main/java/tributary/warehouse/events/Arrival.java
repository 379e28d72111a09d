package tributary.warehouse.events;

/**
 * A record that was read and checked, with where it came from.
 *
 * @param coordinates the record's place in Kafka
 * @param received what it carries
 */
public record Arrival(Coordinates coordinates, ReceivedEvent received) {

	/** The event. */
	public Event event() {
		return this.received.event();
	}

}
