package tributary.ingest.social;

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

/** Takes social media posts. */
@RestController
@Tag(name = "Social media posts")
class PostController implements IngestEndpoint {

	static final String PATH = "/api/v1/social-media";

	private final Ingestion ingestion;

	PostController(Ingestion ingestion) {
		this.ingestion = ingestion;
	}

	@PostMapping(path = PATH, consumes = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_NDJSON_VALUE })
	@Operation(summary = "Publish posts to the social_media topic, keyed by author")
	ResponseEntity<?> ingest(HttpServletRequest request) throws IOException {
		return this.ingestion.ingest(Posts.TYPE, request);
	}

	@Override
	public String path() {
		return PATH;
	}

	@Override
	public EventType eventType() {
		return Posts.TYPE;
	}

}
