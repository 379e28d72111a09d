package tributary.support.security;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A request to a protected endpoint without a valid {@code X-API-Key} header. */
public class InvalidApiKey extends ErrorResponseException {

	InvalidApiKey(boolean present) {
		super(HttpStatus.UNAUTHORIZED, problem(present), null);
		getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + ApiKeyInterceptor.HEADER + "\"");
	}

	private static ProblemDetail problem(boolean present) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
				present ? "The API key in the " + ApiKeyInterceptor.HEADER + " header is not valid"
						: "This endpoint needs an API key in the " + ApiKeyInterceptor.HEADER + " header");
		problem.setTitle(present ? "Invalid API key" : "Missing API key");
		return problem;
	}

}
