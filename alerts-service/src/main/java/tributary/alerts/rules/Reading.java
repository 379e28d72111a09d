package tributary.alerts.rules;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A weather reading as the rules see it: the four fields of a weather_data record they
 * read, checked against that topic's contract. Other fields are not looked at, so a
 * record that breaks the contract only there still counts.
 *
 * @param id the reading's id, which a high-temperature alert names
 * @param location where it was taken
 * @param observedAt when it was taken: its event time
 * @param temperatureC the temperature in °C
 */
public record Reading(String id, String location, Instant observedAt, double temperatureC) {

	/** The fields read, as the contract names them. */
	public static final Set<String> FIELDS = Set.of("id", "location", "observedAt", "temperatureC");

	/**
	 * Reads a weather_data record value.
	 * @param value the bytes on the topic
	 * @return the reading
	 * @throws InvalidRecord if it breaks the contract in a field read
	 */
	public static Reading parse(byte @Nullable [] value) {
		JsonFields fields = JsonFields.of(value);
		return new Reading(fields.requiredString("id", 128), fields.requiredString("location", 128),
				fields.instant("observedAt"), fields.number("temperatureC", -90, 60));
	}

}
