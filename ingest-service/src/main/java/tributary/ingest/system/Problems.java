package tributary.ingest.system;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import tributary.ingest.system.EventType.FieldError;

/**
 * The RFC 9457 problems the ingest endpoints answer with, shared by whole responses and
 * by the items of a batch.
 */
final class Problems {

	private Problems() {
	}

	static ProblemDetail of(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

	static ProblemDetail invalidEvent(List<FieldError> errors) {
		List<String> fields = errors.stream().map(FieldError::field).distinct().toList();
		String detail = (fields.size() == 1 && fields.get(0).isEmpty()) ? "The event " + errors.get(0).message()
				: (errors.size() == 1) ? errors.get(0).field() + " " + errors.get(0).message()
						: errors.size() + " fields are invalid: " + String.join(", ", fields);
		ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "Invalid event", detail);
		problem.setProperty("errors",
				errors.stream().map((error) -> Map.of("field", error.field(), "message", error.message())).toList());
		return problem;
	}

	static ProblemDetail malformedJson(String detail) {
		return of(HttpStatus.BAD_REQUEST, "Malformed JSON", detail);
	}

	static ProblemDetail brokerUnavailable(String detail) {
		return of(HttpStatus.SERVICE_UNAVAILABLE, "Broker unavailable", detail);
	}

}
