package tributary.ingest.publishing;

import tributary.ingest.events.EventType;

/** Writes event records to their topic. */
public interface EventPublisher {

	/**
	 * Starts writing one record; its slot is answered when the broker has acknowledged it
	 * (or failed to), at once if the producer refuses it. The publish timer records a
	 * failure at once and leaves an acknowledgement's time to whoever settles the slot.
	 * @param topic where to write it
	 * @param key its record key
	 * @param type its kind, which gives the headers
	 * @param value its value, as JSON in UTF-8
	 * @param acknowledgements the request's answers
	 * @param slot the record's slot there
	 */
	void publish(String topic, String key, EventType type, byte[] value, Acknowledgements acknowledgements, int slot);

}
