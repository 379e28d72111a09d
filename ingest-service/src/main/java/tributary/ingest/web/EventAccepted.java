package tributary.ingest.web;

/**
 * A single event the broker has acknowledged.
 *
 * @param id the event's id, as given or generated
 * @param topic where it was written
 * @param partition the partition it went to (its key's)
 * @param offset its offset in that partition
 */
record EventAccepted(String id, String topic, int partition, long offset) {
}
