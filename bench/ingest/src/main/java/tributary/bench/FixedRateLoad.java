package tributary.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Posts single events at a fixed rate (an open loop, like wrk2) and reports latency
 * percentiles measured from when each request was due, not from when it was sent, so that
 * a stall is not hidden by the generator waiting for it (coordinated omission).
 *
 * <p>
 * The generator first runs {@code warm-up} seconds at the same rate, unmeasured, so that
 * its own JIT compilation and connection set-up are not counted against the service; the
 * service itself is warm already. After the summary it prints, to standard error, the
 * 99th percentile and the slowest request of every second, which tells a stall at one
 * moment from a tail spread over the run.
 *
 * <p>
 * Usage: {@code FixedRateLoad <url> <api-key> <events/s> <seconds> [warm-up seconds, 3]}
 */
public final class FixedRateLoad {

	private FixedRateLoad() {
	}

	public static void main(String[] args) throws Exception {
		URI uri = URI.create(args[0]);
		String key = args[1];
		int rate = Integer.parseInt(args[2]);
		int seconds = Integer.parseInt(args[3]);
		int warmUp = (args.length > 4) ? Integer.parseInt(args[4]) : 3;
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.executor(Executors.newVirtualThreadPerTaskExecutor())
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		if (warmUp > 0) {
			run(client, uri, key, rate, warmUp);
		}
		Run run = run(client, uri, key, rate, seconds);
		long[] sorted = run.latencies().clone();
		Arrays.sort(sorted);
		System.out.printf(
				"requests=%d errors=%d achieved_rate=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f "
						+ "p999_ms=%.2f max_ms=%.2f%n",
				sorted.length, run.errors(), sorted.length / run.elapsedSeconds(), percentile(sorted, 0.50),
				percentile(sorted, 0.90), percentile(sorted, 0.99), percentile(sorted, 0.999),
				sorted[sorted.length - 1] / 1e6);
		for (int second = 0; second < seconds; second++) {
			long[] slice = Arrays.copyOfRange(run.latencies(), second * rate, (second + 1) * rate);
			Arrays.sort(slice);
			System.err.printf("second=%d p99_ms=%.2f max_ms=%.2f%n", second, percentile(slice, 0.99),
					slice[slice.length - 1] / 1e6);
		}
	}

	/**
	 * Sends {@code rate} requests a second for {@code seconds} and waits for the answers.
	 * @return each request's latency from its due time, in the order they were due
	 */
	private static Run run(HttpClient client, URI uri, String key, int rate, int seconds) throws InterruptedException {
		int total = rate * seconds;
		long[] latencies = new long[total];
		AtomicInteger errors = new AtomicInteger();
		CountDownLatch done = new CountDownLatch(total);
		long intervalNanos = 1_000_000_000L / rate;
		long start = System.nanoTime() + 50_000_000L;
		for (int i = 0; i < total; i++) {
			int slot = i;
			long due = start + i * intervalNanos;
			long wait;
			while ((wait = due - System.nanoTime()) > 0) {
				LockSupport.parkNanos(wait);
			}
			HttpRequest request = HttpRequest.newBuilder(uri)
				.timeout(Duration.ofSeconds(30))
				.header("Content-Type", "application/json")
				.header("X-API-Key", key)
				.POST(HttpRequest.BodyPublishers.ofString(event()))
				.build();
			client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
				latencies[slot] = System.nanoTime() - due;
				if (failure != null || response.statusCode() != 202) {
					errors.incrementAndGet();
				}
				done.countDown();
			});
		}
		if (!done.await(60, TimeUnit.SECONDS)) {
			System.out.println("error: not every request completed");
		}
		return new Run(latencies, errors.get(), (System.nanoTime() - start) / 1e9);
	}

	private record Run(long[] latencies, int errors, double elapsedSeconds) {
	}

	private static double percentile(long[] sorted, double quantile) {
		int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
		return sorted[Math.max(0, index)] / 1e6;
	}

	static final String TEXT = "Arrived today: great sound, but the left ear cup creaks a little when I turn my head.";

	/**
	 * A post of about 300 bytes, as in the other scenarios, from one of 1,000 authors.
	 */
	static String event() {
		int author = ThreadLocalRandom.current().nextInt(1000);
		return "{\"platform\":\"mastodon\",\"author\":\"author-" + author + "\",\"text\":\"" + TEXT
				+ "\",\"createdAt\":\"2025-06-01T10:00:00Z\",\"lang\":\"en\",\"productId\":\"hp-200\"}";
	}

}
