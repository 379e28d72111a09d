package tributary.warehouse.events;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A weather reading ({@code weather_data}). Measurements are decimals, exactly as written
 * in the record, so that sums over them do not depend on the order they are added in.
 *
 * @param id the reading's id
 * @param location where it was taken
 * @param observedAt when it was taken
 * @param temperatureC the temperature in °C
 * @param humidityPct relative humidity, if measured
 * @param precipitationMm precipitation, if measured
 * @param ingestedAt when ingest accepted it
 */
public record ReadingObserved(String id, String location, Instant observedAt, BigDecimal temperatureC,
		@Nullable BigDecimal humidityPct, @Nullable BigDecimal precipitationMm, Instant ingestedAt) implements Event {
}
