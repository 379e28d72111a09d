package tributary.warehouse.events;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An alert ({@code weather_alerts}), raised by alerts-service. Its id is deterministic,
 * so the same condition raised again (a replay of the source topics) is the same alert.
 *
 * @param id the alert's id, e.g. {@code heat-wave/Seville/2026-07-14T12:00:00Z}
 * @param kind what raised it
 * @param location the location it is about
 * @param from the start of the period it covers
 * @param to the end of that period
 * @param value what crossed the threshold, exactly as written
 * @param threshold the threshold in force, exactly as written
 * @param count how many records the value was computed from
 * @param sourceId the reading that raised a high-temperature alert, if any
 * @param raisedAt when alerts-service raised it
 */
public record AlertRaised(String id, AlertKind kind, String location, Instant from, Instant to, BigDecimal value,
		BigDecimal threshold, long count, @Nullable String sourceId, Instant raisedAt) implements Event {

	public AlertRaised {
		if (count < 1) {
			throw new IllegalArgumentException("count must be at least 1 but was " + count);
		}
	}

	/** Alerts do not pass through ingest. */
	@Override
	public @Nullable Instant ingestedAt() {
		return null;
	}

}
