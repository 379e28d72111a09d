package tributary.ingest.web;

import java.io.IOException;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers every error with an RFC 9457 problem: the service's own conditions
 * ({@link IngestProblem}, and the API-key and rate-limit problems of service-support)
 * carry theirs, Spring MVC's get the standard ones. It takes the place of Boot's default
 * handler of the same kind, so there is one place to look.
 */
@RestControllerAdvice
class IngestExceptionHandler extends ResponseEntityExceptionHandler {

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String supported = ex.getSupportedMediaTypes()
			.stream()
			.map(MediaType::toString)
			.collect(Collectors.joining(" or "));
		ProblemDetail problem = Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
				"Content-Type " + ((ex.getContentType() != null) ? "'" + ex.getContentType() + "'" : "(none)")
						+ " is not supported; send " + supported);
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	/** A body that broke off or could not be decoded while it was read. */
	@ExceptionHandler(IOException.class)
	ProblemDetail unreadableBody(IOException ex) {
		return Problems.of(HttpStatus.BAD_REQUEST, "Unreadable request body",
				"The request body could not be read: " + ex.getMessage());
	}

}
