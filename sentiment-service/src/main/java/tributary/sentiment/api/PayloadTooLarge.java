package tributary.sentiment.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A batch with more texts than one request may carry: 413. */
class PayloadTooLarge extends ErrorResponseException {

	PayloadTooLarge(int texts, int maxTexts) {
		super(HttpStatus.CONTENT_TOO_LARGE, problem(texts, maxTexts), null);
	}

	private static ProblemDetail problem(int texts, int maxTexts) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, "The request has "
				+ texts + " texts; at most " + maxTexts + " are scored per request, split it into smaller batches");
		problem.setTitle("Too many texts");
		problem.setProperty("maxBatchSize", maxTexts);
		return problem;
	}

}
