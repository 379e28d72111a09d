package tributary.ingest.feedback;

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

/** Takes customer feedback. */
@RestController
@Tag(name = "Customer feedback")
class FeedbackController implements IngestEndpoint {

	static final String PATH = "/api/v1/feedback";

	private final Ingestion ingestion;

	FeedbackController(Ingestion ingestion) {
		this.ingestion = ingestion;
	}

	@PostMapping(path = PATH, consumes = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_NDJSON_VALUE })
	@Operation(summary = "Publish feedback to the customer_feedback topic, keyed by customerId")
	ResponseEntity<?> ingest(HttpServletRequest request) throws IOException {
		return this.ingestion.ingest(Feedback.TYPE, request);
	}

	@Override
	public String path() {
		return PATH;
	}

	@Override
	public EventType eventType() {
		return Feedback.TYPE;
	}

}
