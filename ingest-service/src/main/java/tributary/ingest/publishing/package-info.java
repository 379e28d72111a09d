/**
 * Publishing records to Kafka: the shared producer, held to the broker's record size
 * limit, and what the broker acknowledged.
 */
@NullMarked
package tributary.ingest.publishing;

import org.jspecify.annotations.NullMarked;
