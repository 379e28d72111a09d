package tributary.ingest.weather;

import java.util.List;

import tributary.ingest.events.EventType;
import tributary.ingest.events.Field;
import tributary.support.topics.TopicsProperties;

/** A weather reading as clients send it (contract: {@code weather_data.schema.json}). */
final class Readings {

	static final EventType TYPE = new EventType("WeatherReading", "weather-reading", "weather_data", "stationId",
			TopicsProperties::weatherData,
			List.of(Field.text("id", 1, 128,
					"The reading's id; a time-ordered UUID (version 7) is generated if absent. Send your own to retry safely",
					"w-berlin-0915")
				.optional(), Field.text("stationId", 1, 128, "The station that took it; the record key", "DE-BER-01"),
					Field.text("location", 1, 128, "The station's place name", "Berlin"),
					Field.instant("observedAt", "When it was taken"),
					Field.number("temperatureC", -90, 60, "Air temperature in degrees Celsius", 4.5),
					Field.number("humidityPct", 0, 100, "Relative humidity in percent", 81).optional(),
					Field.number("windKph", 0, 500, "Wind speed in km/h", 14.2).optional(),
					Field.number("precipitationMm", 0, 2000, "Precipitation in millimetres", 0.4).optional(),
					Field.text("condition", 1, 64, "Conditions in words", "light rain").optional(),
					Field.number("lat", -90, 90, "Latitude in degrees", 52.52).optional(),
					Field.number("lon", -180, 180, "Longitude in degrees", 13.405).optional()));

	private Readings() {
	}

}
