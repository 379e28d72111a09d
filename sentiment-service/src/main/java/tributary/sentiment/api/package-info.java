/**
 * The scoring API: users and evaluation tools score texts without going through Kafka.
 */
@NullMarked
package tributary.sentiment.api;

import org.jspecify.annotations.NullMarked;
