package tributary.warehouse.events;

/**
 * A record that cannot be read or breaks its topic's contract; the message says why, in
 * words an operator can act on. It goes to the dead-letter topic, never into the store.
 */
public class InvalidEvent extends RuntimeException {

	public InvalidEvent(String reason) {
		// No stack trace: the reason is the whole story, and dead letters carry it.
		super(reason, null, false, false);
	}

}
