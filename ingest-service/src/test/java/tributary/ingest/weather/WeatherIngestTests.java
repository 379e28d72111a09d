package tributary.ingest.weather;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tributary.ingest.web.IngestSlice;
import tributary.ingest.web.IngestSliceTests;

import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static tributary.ingest.events.Json.quoted;
import static tributary.ingest.events.Json.with;

@WebMvcTest(WeatherController.class)
@Import(IngestSlice.class)
class WeatherIngestTests extends IngestSliceTests {

	static final String VALID = """
			{"stationId":"DE-BER-01","location":"Berlin","observedAt":"2025-06-01T09:15:00Z","temperatureC":4.5}""";

	@Test
	void publishesAReadingKeyedByStation() throws Exception {
		String reading = """
				{"id":"w-1","stationId":" DE-BER-01 ","location":"Berlin","observedAt":"2025-06-01T09:15:00Z",
				 "temperatureC":-2,"humidityPct":81,"windKph":14.2,"precipitationMm":0.4,"condition":"light rain",
				 "lat":52.52,"lon":13.405,"sensor":"v2"}""";
		send(reading).andExpect(status().isAccepted())
			.andExpect(jsonPath("$.id").value("w-1"))
			.andExpect(jsonPath("$.topic").value("weather_data"));
		assertThat(this.publisher.sent()).singleElement().satisfies((sent) -> {
			assertThat(sent.key()).isEqualTo("DE-BER-01");
			assertThat(sent.headers()).containsEntry("event-type", "weather-reading")
				.containsEntry("schema-version", "1");
			assertThat(sent.value().get("temperatureC").intValue()).isEqualTo(-2);
			assertThat(sent.value().get("lon").doubleValue()).isEqualTo(13.405);
			assertThat(sent.value().get("sensor").stringValue()).isEqualTo("v2");
		});
	}

	@ParameterizedTest(name = "{0} = {1}")
	@MethodSource("invalidFields")
	void refusesAnInvalidFieldAndNamesIt(String field, String rawValue, String message) throws Exception {
		send(with(VALID, field, rawValue)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Invalid event"))
			.andExpect(jsonPath("$.errors", hasSize(1)))
			.andExpect(jsonPath("$.errors[0].field").value(field))
			.andExpect(jsonPath("$.errors[0].message").value(containsString(message)));
		assertThat(this.publisher.sent()).isEmpty();
	}

	static Stream<Arguments> invalidFields() {
		return Stream.of(Arguments.of("stationId", null, "is required"),
				Arguments.of("stationId", quoted(" "), "must not be blank"),
				Arguments.of("stationId", quoted("s".repeat(129)), "at most 128 characters"),
				Arguments.of("location", null, "is required"),
				Arguments.of("location", quoted("l".repeat(129)), "at most 128 characters"),
				Arguments.of("observedAt", null, "is required"),
				Arguments.of("observedAt", quoted("2025-13-01T00:00:00Z"), "must be an ISO-8601 date-time"),
				Arguments.of("observedAt", quoted(Instant.now().plus(Duration.ofHours(25)).toString()),
						"in the future"),
				Arguments.of("temperatureC", null, "is required"),
				Arguments.of("temperatureC", "-90.1", "must be at least -90"),
				Arguments.of("temperatureC", "60.01", "must be at most 60"),
				Arguments.of("temperatureC", quoted("12"), "must be a number, not a string"),
				Arguments.of("humidityPct", "-1", "must be at least 0"),
				Arguments.of("humidityPct", "100.5", "must be at most 100"),
				Arguments.of("windKph", "-0.1", "must be at least 0"), Arguments.of("windKph", "500.1", "at most 500"),
				Arguments.of("precipitationMm", "-1", "must be at least 0"),
				Arguments.of("precipitationMm", "2000.5", "must be at most 2000"),
				Arguments.of("condition", quoted("c".repeat(65)), "at most 64 characters"),
				Arguments.of("lat", "-90.5", "must be at least -90"), Arguments.of("lat", "91", "must be at most 90"),
				Arguments.of("lon", "-180.5", "must be at least -180"),
				Arguments.of("lon", "180.5", "must be at most 180"),
				Arguments.of("lat", quoted("52.5"), "must be a number"));
	}

	@Test
	void refusesANumberBeyondTheRangeOfADouble() throws Exception {
		send(VALID.replace("4.5", "1e400")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("temperatureC"))
			.andExpect(jsonPath("$.errors[0].message").value("must be a finite number"));
	}

	@ParameterizedTest(name = "{0} = {1}")
	@MethodSource("boundaryValues")
	void acceptsValuesAtTheBounds(String field, String rawValue) throws Exception {
		send(with(VALID, field, rawValue)).andExpect(status().isAccepted());
		assertThat(this.publisher.sent()).hasSize(1);
	}

	static Stream<Arguments> boundaryValues() {
		return Stream.of(Arguments.of("temperatureC", "-90"), Arguments.of("temperatureC", "60"),
				Arguments.of("temperatureC", "0"), Arguments.of("humidityPct", "0"), Arguments.of("humidityPct", "100"),
				Arguments.of("windKph", "0"), Arguments.of("windKph", "500"), Arguments.of("precipitationMm", "0"),
				Arguments.of("precipitationMm", "2000"), Arguments.of("condition", quoted("c".repeat(64))),
				Arguments.of("lat", "-90"), Arguments.of("lat", "90"), Arguments.of("lon", "-180"),
				Arguments.of("lon", "180"), Arguments.of("lon", "null"),
				Arguments.of("stationId", quoted("s".repeat(128))));
	}

	@Test
	void namesEveryInvalidFieldAtOnce() throws Exception {
		send("{\"temperatureC\":99,\"lat\":100}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field")
				.value(org.hamcrest.Matchers.contains("stationId", "location", "observedAt", "temperatureC", "lat")));
	}

	private ResultActions send(String json) throws Exception {
		return submit(WeatherController.PATH, MediaType.APPLICATION_JSON, json);
	}

}
