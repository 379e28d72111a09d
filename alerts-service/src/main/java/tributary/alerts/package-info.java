/**
 * The alerts-service: a Kafka Streams application that raises weather alerts from
 * weather_data and customer_sentiment, exactly once, to weather_alerts.
 *
 * <p>
 * It runs as a service of its own rather than inside ingest, sentiment or the warehouse
 * because an operator handles it differently from all three: it is stateful (windows and
 * suppression buffers in local stores, restored from changelog topics), so a restart or a
 * rebalance costs a restore, while ingest is stateless and scales on CPU, sentiment
 * scales on the lag of one topic, and the warehouse is bound to the store. Restarting the
 * warehouse for a store upgrade, or scaling ingest for a burst, must not move the alerts'
 * state; a new alert rule must be deployable without touching the path that stores
 * events.
 */
@NullMarked
package tributary.alerts;

import org.jspecify.annotations.NullMarked;
