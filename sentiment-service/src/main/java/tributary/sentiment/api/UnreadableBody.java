package tributary.sentiment.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A score request without a body, or whose body is not JSON: 400. */
class UnreadableBody extends ErrorResponseException {

	UnreadableBody(String detail) {
		super(HttpStatus.BAD_REQUEST, problem(detail), null);
	}

	private static ProblemDetail problem(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Unreadable request body");
		return problem;
	}

}
