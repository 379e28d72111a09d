package tributary.ingest.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import tributary.ingest.system.IngestProperties;
import tributary.ingest.web.IngestProblem.MalformedJson;
import tributary.ingest.web.IngestProblem.PayloadTooLarge;
import tributary.ingest.web.IngestProblem.TooManyItems;
import tributary.ingest.web.IngestProblem.UnusableBody;
import tributary.support.web.RequestBodies;

/**
 * Reads a request body, within the configured limits, as one event, a JSON array of
 * events or NDJSON lines.
 *
 * <p>
 * A JSON body that does not parse is refused as a whole, since nothing in it can be
 * trusted; in NDJSON each line stands alone, so a malformed line refuses only that item.
 * Duplicate properties are refused: which of two values a consumer would see is
 * undefined.
 */
@Component
class SubmissionReader {

	/** Newline-delimited JSON: one event per line. */
	static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

	private final ObjectReader reader;

	private final IngestProperties properties;

	SubmissionReader(JsonMapper mapper, IngestProperties properties) {
		this.reader = mapper.reader()
			.with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
		this.properties = properties;
	}

	Submission read(HttpServletRequest request) throws IOException {
		byte[] body = body(request);
		String contentType = request.getContentType();
		boolean ndjson = contentType != null && NDJSON.isCompatibleWith(MediaType.parseMediaType(contentType));
		return ndjson ? readLines(body) : readJson(body);
	}

	private byte[] body(HttpServletRequest request) throws IOException {
		byte[] body = RequestBodies.readAtMost(request, this.properties.maxBodySize().toBytes());
		if (body == null) {
			throw new PayloadTooLarge(this.properties.maxBodySize());
		}
		if (isBlank(body, 0, body.length)) {
			throw new UnusableBody("The request body is empty; send one event, an array of events or NDJSON lines");
		}
		return body;
	}

	private Submission readJson(byte[] body) {
		JsonNode root;
		try {
			root = this.reader.readTree(body);
		}
		catch (JacksonException ex) {
			throw new MalformedJson("The body is not valid JSON: " + describe(ex, true));
		}
		if (root.isObject()) {
			return new Submission.Single(root);
		}
		if (!root.isArray()) {
			throw new UnusableBody("The body must be a JSON object (one event) or an array of objects (a batch), not "
					+ root.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
		}
		if (root.isEmpty()) {
			throw new UnusableBody("The array holds no events");
		}
		if (root.size() > this.properties.maxBatchItems()) {
			throw new TooManyItems(this.properties.maxBatchItems());
		}
		List<Submission.Item> items = new ArrayList<>(root.size());
		for (int i = 0; i < root.size(); i++) {
			items.add(new Submission.Item(i, null, root.get(i), null));
		}
		return new Submission.Batch(items);
	}

	private Submission readLines(byte[] body) {
		List<Submission.Item> items = new ArrayList<>();
		int line = 0;
		int start = 0;
		while (start < body.length) {
			int end = start;
			while (end < body.length && body[end] != '\n') {
				end++;
			}
			line++;
			if (!isBlank(body, start, end)) {
				if (items.size() == this.properties.maxBatchItems()) {
					throw new TooManyItems(this.properties.maxBatchItems());
				}
				items.add(readLine(body, start, end, items.size(), line));
			}
			start = end + 1;
		}
		return new Submission.Batch(items);
	}

	private Submission.Item readLine(byte[] body, int start, int end, int index, int line) {
		try {
			return new Submission.Item(index, line, this.reader.readTree(body, start, end - start), null);
		}
		catch (JacksonException ex) {
			return new Submission.Item(index, line, null,
					"Line " + line + " is not valid JSON: " + describe(ex, false));
		}
	}

	private static String describe(JacksonException ex, boolean withLine) {
		String message = ex.getOriginalMessage();
		// Jackson quotes the rest of the input after an error; the client has it already.
		int cut = message.indexOf("\n");
		message = (cut > 0) ? message.substring(0, cut) : message;
		TokenStreamLocation location = ex.getLocation();
		if (location == null || location.getLineNr() < 1) {
			return message;
		}
		return message + " (at " + (withLine ? "line " + location.getLineNr() + ", " : "") + "column "
				+ location.getColumnNr() + ")";
	}

	private static boolean isBlank(byte[] bytes, int start, int end) {
		for (int i = start; i < end; i++) {
			byte b = bytes[i];
			if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
				return false;
			}
		}
		return true;
	}

}
