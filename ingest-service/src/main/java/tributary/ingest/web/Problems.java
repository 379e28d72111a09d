package tributary.ingest.web;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import tributary.ingest.events.FieldError;

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

	/**
	 * Whether a publish failed because of the event itself, which the broker will refuse
	 * however often it is sent, rather than because the broker was unavailable.
	 * @param cause why the publish failed
	 * @return {@code true} if retrying the same event cannot help
	 */
	static boolean refusesTheEvent(Throwable cause) {
		return cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException
				|| cause instanceof InvalidRecordException || cause instanceof InvalidTimestampException
				|| cause instanceof SerializationException;
	}

	/**
	 * The problem of an event that was not published.
	 * @param cause why the publish failed
	 * @return 413 or 422 if the broker refused the event, else 503
	 */
	static ProblemDetail publishFailure(Throwable cause) {
		if (cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException) {
			return of(HttpStatus.CONTENT_TOO_LARGE, "Event too large",
					"The event is larger than the broker takes; it was not published: " + cause.getMessage());
		}
		if (refusesTheEvent(cause)) {
			return of(HttpStatus.UNPROCESSABLE_CONTENT, "Event refused",
					"The broker refused the event; it was not published: " + cause.getMessage());
		}
		return brokerUnavailable(
				"The broker did not acknowledge the event in time; it was not published. Retry it with the same id");
	}

}
