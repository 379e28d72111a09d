package tributary.warehouse.events;

/**
 * A record that cannot be read or breaks its topic's contract; the message says why, in
 * words an operator can act on. It goes to the dead-letter topic, never into the store.
 */
public class InvalidEvent extends RuntimeException {

	private final String reason;

	public InvalidEvent(String reason) {
		// No stack trace: the reason is the whole story, and dead letters carry it.
		super(reason, null, false, false);
		this.reason = reason;
	}

	/**
	 * Why the event is refused, as the dead letter says it.
	 * @return the reason given
	 */
	public String reason() {
		return this.reason;
	}

}
