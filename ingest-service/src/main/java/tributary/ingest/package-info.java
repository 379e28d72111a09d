/**
 * Takes social media posts, weather readings and customer feedback over REST and
 * publishes them to Kafka.
 */
@NullMarked
package tributary.ingest;

import org.jspecify.annotations.NullMarked;
