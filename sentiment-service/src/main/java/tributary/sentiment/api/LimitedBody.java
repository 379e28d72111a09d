package tributary.sentiment.api;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import tributary.support.web.RequestBodies;

import org.springframework.util.unit.DataSize;

/**
 * Reads a score request's body up to its limit ({@link RequestBodies}, as ingest does),
 * refusing a larger one as {@link PayloadTooLarge}.
 */
final class LimitedBody {

	private LimitedBody() {
	}

	/**
	 * Reads the body of a request.
	 * @param request the request
	 * @param limit the largest body taken
	 * @return the body's bytes
	 * @throws PayloadTooLarge if the body is larger than the limit
	 * @throws IOException if the body cannot be read
	 */
	static byte[] read(HttpServletRequest request, DataSize limit) throws IOException {
		byte[] body = RequestBodies.readAtMost(request, limit.toBytes());
		if (body == null) {
			throw new PayloadTooLarge(limit);
		}
		return body;
	}

}
