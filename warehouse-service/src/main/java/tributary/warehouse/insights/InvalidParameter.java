package tributary.warehouse.insights;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A query parameter that is malformed or out of range: 400, naming the parameter. */
public class InvalidParameter extends ErrorResponseException {

	public InvalidParameter(String parameter, String problem) {
		super(HttpStatus.BAD_REQUEST, problem(parameter, problem), null);
	}

	private static ProblemDetail problem(String parameter, String problem) {
		ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, parameter + ": " + problem);
		detail.setTitle("Invalid parameter '" + parameter + "'");
		detail.setType(URI.create("https://tributary.dev/problems/invalid-parameter"));
		detail.setProperty("parameter", parameter);
		return detail;
	}

}
