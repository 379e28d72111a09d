package tributary.ingest.publishing;

import java.util.concurrent.CompletableFuture;

import tributary.ingest.events.EventType;

/** Writes event records to their topic. */
public interface EventPublisher {

	/**
	 * Starts writing one record; the result completes when the broker has acknowledged it
	 * (or failed to). The publish timer records a failure at once and leaves an
	 * acknowledgement's time ({@link Published#nanos()}) to whoever takes the result.
	 * @param topic where to write it
	 * @param key its record key
	 * @param type its kind, which gives the headers
	 * @param value its value, as JSON in UTF-8
	 * @return where the record was written
	 */
	CompletableFuture<Published> publish(String topic, String key, EventType type, byte[] value);

	/**
	 * Where the broker wrote a record.
	 *
	 * @param partition its partition
	 * @param offset its offset there
	 * @param nanos how long the broker took to acknowledge it, from the send
	 */
	record Published(int partition, long offset, long nanos) {
	}

}
