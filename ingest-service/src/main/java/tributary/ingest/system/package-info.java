/**
 * What the three ingest endpoints share: reading and validating submissions, publishing
 * to Kafka, errors, metrics, configuration and the API description.
 */
@NullMarked
package tributary.ingest.system;

import org.jspecify.annotations.NullMarked;
