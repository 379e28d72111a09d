package tributary.sentiment.api;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A score request whose JSON is well-formed but not an object with a {@code text}, or an
 * array of them: 400 naming every offending field.
 */
class InvalidScoreRequest extends ErrorResponseException {

	/** At most this many problems are listed, so a bad batch gets a readable answer. */
	static final int MAX_LISTED = 20;

	private final List<FieldProblem> problems;

	InvalidScoreRequest(List<FieldProblem> problems) {
		super(HttpStatus.BAD_REQUEST, problem(problems), null);
		this.problems = List.copyOf(problems);
	}

	List<FieldProblem> problems() {
		return this.problems;
	}

	private static ProblemDetail problem(List<FieldProblem> problems) {
		String detail = (problems.size() == 1) ? problems.get(0).toString()
				: problems.size() + " fields are invalid, the first: " + problems.get(0);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Invalid score request");
		problem.setProperty("errors", problems.stream().limit(MAX_LISTED).toList());
		return problem;
	}

}
