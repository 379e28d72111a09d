/**
 * Wiring: the service's settings, the Kafka Streams client the Spring Kafka way, and its
 * health.
 */
@NullMarked
package tributary.alerts.system;

import org.jspecify.annotations.NullMarked;
