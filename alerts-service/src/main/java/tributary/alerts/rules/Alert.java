package tributary.alerts.rules;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * An alert as published to weather_alerts, field for field as its contract describes it.
 *
 * <p>
 * Every field is a function of the records that raised it and the thresholds in force:
 * {@code raisedAt} is the event time at which the condition became known (the reading's
 * {@code observedAt}, the window's end), not the clock of the machine, so that replaying
 * the input topics yields the same records byte for byte, and a consumer that keys by
 * {@code id} stores each alert once.
 *
 * @param id deterministic: {@code <kind>/<reading id>} or
 * {@code <kind>/<location>/<window start>}
 * @param kind the contract name of the {@link AlertKind}
 * @param location what it is about, also the record key
 * @param from start of the period (the reading's instant for high-temperature)
 * @param to end of the period, exclusive for windows
 * @param value what crossed the threshold
 * @param threshold the threshold in force for the location
 * @param count how many records the value is computed from
 * @param sourceId the reading's id for high-temperature, null for windowed alerts
 * @param raisedAt the event time the alert was raised at
 */
@JsonPropertyOrder({ "id", "kind", "location", "from", "to", "value", "threshold", "count", "sourceId", "raisedAt" })
public record Alert(String id, String kind, String location, String from, String to, double value, double threshold,
		long count, @Nullable String sourceId, String raisedAt) {

	/** A high-temperature alert for one reading. */
	static Alert highTemperature(Reading reading, double threshold) {
		String at = reading.observedAt().toString();
		return new Alert(AlertKind.HIGH_TEMPERATURE.contractName() + "/" + reading.id(),
				AlertKind.HIGH_TEMPERATURE.contractName(), reading.location(), at, at, reading.temperatureC(),
				threshold, 1, reading.id(), at);
	}

	/** An alert over the window {@code [start, end)} of a location. */
	static Alert windowed(AlertKind kind, String location, Instant start, Instant end, double value, double threshold,
			long count) {
		return new Alert(kind.contractName() + "/" + location + "/" + start, kind.contractName(), location,
				start.toString(), end.toString(), value, threshold, count, null, end.toString());
	}

}
