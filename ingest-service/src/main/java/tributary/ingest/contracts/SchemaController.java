package tributary.ingest.contracts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Serves each topic's JSON Schema, the contract its consumers rely on. */
@RestController
@Tag(name = "Schemas")
class SchemaController {

	static final MediaType SCHEMA_JSON = MediaType.parseMediaType("application/schema+json");

	private final ContractSchemas schemas;

	SchemaController(ContractSchemas schemas) {
		this.schemas = schemas;
	}

	@GetMapping("/api/v1/schemas/{topic}")
	@Operation(summary = "The JSON Schema (draft 2020-12) of a topic's record values",
			description = "For social_media, weather_data and customer_feedback (or their configured names). "
					+ "404 for any other topic.")
	ResponseEntity<byte[]> schema(@PathVariable String topic) {
		byte[] schema = this.schemas.schema(topic).orElseThrow(() -> new UnknownTopic(topic, this.schemas));
		return ResponseEntity.ok().contentType(SCHEMA_JSON).body(schema);
	}

	/** A schema was asked for a topic this service does not write. */
	static final class UnknownTopic extends ErrorResponseException {

		UnknownTopic(String topic, ContractSchemas schemas) {
			super(HttpStatus.NOT_FOUND, problem(topic, schemas), null);
		}

		private static ProblemDetail problem(String topic, ContractSchemas schemas) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
					"This service writes no topic named '" + topic + "'; it has schemas for "
							+ String.join(", ", schemas.topics()));
			problem.setTitle("Unknown topic");
			return problem;
		}

	}

}
