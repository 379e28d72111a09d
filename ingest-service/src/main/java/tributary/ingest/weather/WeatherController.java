package tributary.ingest.weather;

import java.io.IOException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import tributary.ingest.events.EventType;
import tributary.ingest.web.IngestEndpoint;
import tributary.ingest.web.Ingestion;

/** Takes weather readings. */
@RestController
@Tag(name = "Weather readings")
class WeatherController implements IngestEndpoint {

	static final String PATH = "/api/v1/weather";

	private final Ingestion ingestion;

	WeatherController(Ingestion ingestion) {
		this.ingestion = ingestion;
	}

	@PostMapping(path = PATH, consumes = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_NDJSON_VALUE })
	@Operation(summary = "Publish weather readings to the weather_data topic, keyed by stationId")
	ResponseEntity<?> ingest(HttpServletRequest request) throws IOException {
		return this.ingestion.ingest(Readings.TYPE, request);
	}

	@Override
	public String path() {
		return PATH;
	}

	@Override
	public EventType eventType() {
		return Readings.TYPE;
	}

}
