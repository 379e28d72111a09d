/**
 * The Kafka Streams topology: event time from the records' own instants, untrusted input
 * checked and dead-lettered inside the same exactly-once transaction, the rules applied
 * per reading and per closed window, the alerts published with their headers.
 */
@NullMarked
package tributary.alerts.topology;

import org.jspecify.annotations.NullMarked;
