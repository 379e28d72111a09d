package tributary.sentiment.api;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.util.unit.DataSize;

/**
 * Reads a request body up to a limit, as ingest does: a body declared larger is refused
 * before a byte is read, and one sent without a length is read no further than one byte
 * past the limit, so an oversized request cannot make the service hold it in memory.
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
		long max = limit.toBytes();
		if (request.getContentLengthLong() > max) {
			throw new PayloadTooLarge(limit);
		}
		byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
		if (body.length > max) {
			throw new PayloadTooLarge(limit);
		}
		return body;
	}

}
