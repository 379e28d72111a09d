package tributary.warehouse.intake;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record that goes to its dead-letter topic.
 *
 * @param record the record as consumed, value and headers untouched
 * @param reason why it cannot be used, for whoever reads the dead letter
 * @param problem the kind of problem, for the exception headers
 */
record Rejection(ConsumerRecord<byte[], byte[]> record, String reason, Class<? extends Exception> problem) {
}
