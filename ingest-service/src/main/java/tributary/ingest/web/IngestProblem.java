package tributary.ingest.web;

import java.time.Duration;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;

import tributary.ingest.events.FieldError;

/**
 * The conditions that end an ingest request without a {@code 2xx}, each answered with its
 * RFC 9457 problem.
 */
abstract sealed class IngestProblem extends ErrorResponseException {

	IngestProblem(ProblemDetail problem) {
		super(HttpStatus.valueOf(problem.getStatus()), problem, null);
	}

	/** A body over {@code tributary.ingest.max-body-size}. */
	static final class PayloadTooLarge extends IngestProblem {

		PayloadTooLarge(DataSize limit) {
			super(Problems.of(HttpStatus.CONTENT_TOO_LARGE, "Payload too large", "The request body is larger than "
					+ limit.toBytes() + " bytes, the most this service takes; split it into smaller requests"));
			getBody().setProperty("maxBytes", limit.toBytes());
		}

	}

	/** A batch with more items than {@code tributary.ingest.max-batch-items}. */
	static final class TooManyItems extends IngestProblem {

		TooManyItems(int limit) {
			super(Problems.of(HttpStatus.CONTENT_TOO_LARGE, "Too many items", "The request holds more than " + limit
					+ " events, the most one request may carry; " + "split it into smaller batches"));
			getBody().setProperty("maxItems", limit);
		}

	}

	/**
	 * A single event that was not published: refused by the broker ({@code 413} or
	 * {@code 422}, not to be retried as it is) or not acknowledged in time ({@code 503}
	 * with {@code Retry-After}). The body's {@code id} is the event's, also a generated
	 * one, so that a retry with it cannot store the event twice.
	 */
	static final class NotPublished extends IngestProblem {

		NotPublished(String id, Throwable cause, Duration retryAfter) {
			super(Problems.publishFailure(cause));
			getBody().setProperty("id", id);
			if (getStatusCode().value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
				getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.toSeconds()));
			}
		}

	}

	/** A body that is not JSON, or not the JSON that was promised. */
	static final class MalformedJson extends IngestProblem {

		MalformedJson(String detail) {
			super(Problems.malformedJson(detail));
		}

	}

	/** A body that is JSON but not one event or a batch of them. */
	static final class UnusableBody extends IngestProblem {

		UnusableBody(String detail) {
			super(Problems.of(HttpStatus.BAD_REQUEST, "Unusable request body", detail));
		}

	}

	/** A single event that failed validation. */
	static final class InvalidEvent extends IngestProblem {

		InvalidEvent(List<FieldError> errors) {
			super(Problems.invalidEvent(errors));
		}

	}

	/**
	 * A batch none of whose items could be published, because each was invalid or refused
	 * by the broker: nothing was published, and retrying it unchanged cannot help.
	 */
	static final class InvalidBatch extends IngestProblem {

		InvalidBatch(BatchResult result) {
			super(Problems.of(HttpStatus.BAD_REQUEST, "Invalid events", "None of the " + result.items().size()
					+ " events could be published (items says why for each); nothing was published"));
			getBody().setProperty("topic", result.topic());
			getBody().setProperty("items", result.items());
		}

	}

	/**
	 * The broker did not acknowledge the events in time: none of them may be taken as
	 * written, and the client should retry later.
	 */
	static final class BrokerUnavailable extends IngestProblem {

		BrokerUnavailable(String detail, Duration retryAfter) {
			super(Problems.brokerUnavailable(detail));
			getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.toSeconds()));
		}

		BrokerUnavailable(BatchResult result, Duration retryAfter) {
			this("The broker did not acknowledge any of the " + result.items().size()
					+ " events in time; none was published. Retry later with the same ids", retryAfter);
			getBody().setProperty("topic", result.topic());
			getBody().setProperty("items", result.items());
		}

	}

}
