package tributary.support.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Request bodies read up to a limit: a body declared larger is refused before a byte is
 * read, and one sent without a length is read no further than one byte past the limit, so
 * an oversized request cannot make a service hold it in memory.
 */
public final class RequestBodies {

	private RequestBodies() {
	}

	/**
	 * Reads the body of a request if it is not larger than the limit.
	 * @param request the request
	 * @param limit the most bytes taken
	 * @return the body's bytes, or {@code null} if it is larger than the limit (the
	 * caller answers 413 in its own words)
	 * @throws IOException if the body cannot be read
	 */
	public static byte @Nullable [] readAtMost(HttpServletRequest request, long limit) throws IOException {
		if (request.getContentLengthLong() > limit) {
			return null;
		}
		byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
		return (body.length > limit) ? null : body;
	}

}
