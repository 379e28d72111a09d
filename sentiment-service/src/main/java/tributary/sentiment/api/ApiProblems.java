package tributary.sentiment.api;

import java.io.IOException;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the service as an RFC 9457 problem: Spring MVC's own (415, 405, ...) and
 * the service's {@link org.springframework.web.ErrorResponseException}s come through
 * {@link ResponseEntityExceptionHandler}; a body that is not JSON is explained here.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		// Without a cause the body was empty; the exception's own message names the
		// handler method, which is nobody's business outside.
		String detail = (ex.getCause() == null) ? "The request has no body"
				: "The body is not valid JSON: " + firstLine(ex.getMostSpecificCause().getMessage());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Unreadable request body");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/** A body that broke off while it was read. */
	@ExceptionHandler(IOException.class)
	ProblemDetail unreadableBody(IOException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request body could not be read: " + ex.getMessage());
		problem.setTitle("Unreadable request body");
		return problem;
	}

	private static String firstLine(@Nullable String message) {
		if (message == null) {
			return "no details";
		}
		int end = message.indexOf('\n');
		return (end < 0) ? message : message.substring(0, end);
	}

}
