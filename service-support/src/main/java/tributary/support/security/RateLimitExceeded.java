package tributary.support.security;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A request from an API key that has used up its rate limit for now. */
public class RateLimitExceeded extends ErrorResponseException {

	RateLimitExceeded(Duration wait) {
		super(HttpStatus.TOO_MANY_REQUESTS, problem(retryAfterSeconds(wait)), null);
		getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds(wait)));
	}

	// Retry-After counts whole seconds; rounding down would
	// invite a retry that fails again.
	private static long retryAfterSeconds(Duration wait) {
		return Math.max(1, (wait.toNanos() + 999_999_999L) / 1_000_000_000L);
	}

	private static ProblemDetail problem(long seconds) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
				"This API key has made too many requests; retry in " + seconds + " s");
		problem.setTitle("Rate limit exceeded");
		problem.setProperty("retryAfterSeconds", seconds);
		return problem;
	}

}
