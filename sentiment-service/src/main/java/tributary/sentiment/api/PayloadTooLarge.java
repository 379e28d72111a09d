package tributary.sentiment.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;

/** A body larger, or a batch with more texts, than one request may carry: 413. */
class PayloadTooLarge extends ErrorResponseException {

	PayloadTooLarge(int texts, int maxTexts) {
		super(HttpStatus.CONTENT_TOO_LARGE, problem(texts, maxTexts), null);
	}

	PayloadTooLarge(DataSize limit) {
		super(HttpStatus.CONTENT_TOO_LARGE, problem(limit), null);
	}

	private static ProblemDetail problem(DataSize limit) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
				"The request body is larger than " + limit.toBytes()
						+ " bytes, the most this service takes; split it into smaller requests");
		problem.setTitle("Payload too large");
		problem.setProperty("maxBytes", limit.toBytes());
		return problem;
	}

	private static ProblemDetail problem(int texts, int maxTexts) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, "The request has "
				+ texts + " texts; at most " + maxTexts + " are scored per request, split it into smaller batches");
		problem.setTitle("Too many texts");
		problem.setProperty("maxBatchSize", maxTexts);
		return problem;
	}

}
