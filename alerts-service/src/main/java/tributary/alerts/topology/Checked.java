package tributary.alerts.topology;

import org.jspecify.annotations.Nullable;

/**
 * A record of an input topic after its check: what the rules read from it, or the bytes
 * it arrived with, on their way to the dead-letter topic.
 *
 * @param <T> what the rules read
 */
sealed interface Checked<T> {

	/**
	 * A record the rules can read.
	 *
	 * @param value what they read
	 * @param eventTime whether the record's time is the instant it carries, so it may
	 * count in a window
	 */
	record Accepted<T>(T value, boolean eventTime) implements Checked<T> {
	}

	/**
	 * A record that breaks its contract, to be dead-lettered byte for byte.
	 *
	 * @param value the value it arrived with, null for a tombstone
	 * @param partition the partition it came from: its dead letter goes to the same
	 * partition of the dead-letter topic
	 */
	record Rejected<T>(byte @Nullable [] value, int partition) implements Checked<T> {
	}

}
