package tributary.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends batches to ingest as any client would: a JSON array per request, the API key in
 * {@code X-API-Key}.
 */
class IngestClient {

	private static final Pattern REJECTED = Pattern.compile("\"rejected\"\\s*:\\s*(\\d+)");

	private static final Pattern DETAIL = Pattern.compile("\"detail\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final URI ingest;

	private final String apiKey;

	IngestClient(URI ingest, String apiKey) {
		this.ingest = ingest;
		this.apiKey = apiKey;
	}

	/**
	 * Posts one batch once.
	 * @param path the endpoint, e.g. {@code /api/v1/weather}
	 * @param items JSON objects
	 * @return what ingest answered
	 * @throws IOException if ingest could not be reached or did not answer
	 * @throws InterruptedException if interrupted while waiting
	 */
	Answer post(String path, List<String> items) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(this.ingest.resolve(path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("X-API-Key", this.apiKey)
			.POST(HttpRequest.BodyPublishers.ofString("[" + String.join(",", items) + "]", StandardCharsets.UTF_8))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		return Answer.of(response.statusCode(), response.headers().firstValue("Retry-After").isPresent(),
				response.body());
	}

	/**
	 * What ingest answered to a batch.
	 *
	 * @param status the HTTP status
	 * @param retry whether sending the same batch again may help: a 5xx, 429, or a 207
	 * whose unpublished items were not acknowledged in time (ingest then sends
	 * {@code Retry-After}); the ids are the same, so nothing is stored twice
	 * @param refused how many items ingest will never take (invalid or too large)
	 * @param detail ingest's words about a refusal, if any
	 */
	record Answer(int status, boolean retry, int refused, String detail) {

		static Answer of(int status, boolean retryAfter, String body) {
			boolean retry = status >= 500 || status == 429 || (status == 207 && retryAfter);
			int refused = 0;
			if (status == 207) {
				Matcher matcher = REJECTED.matcher(body);
				refused = matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
			}
			Matcher detail = DETAIL.matcher(body);
			return new Answer(status, retry, refused, detail.find() ? detail.group(1) : "");
		}

		/** Whether ingest took the whole batch. */
		boolean accepted() {
			return this.status == 202;
		}

		/** Whether ingest refused the whole batch for a reason that will not pass. */
		boolean refusedWhole() {
			return this.status >= 400 && this.status < 500 && this.status != 429;
		}

	}

}
