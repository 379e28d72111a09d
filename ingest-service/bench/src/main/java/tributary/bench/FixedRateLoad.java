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
 * Usage: {@code FixedRateLoad <url> <api-key> <events/s> <seconds>}
 */
public final class FixedRateLoad {

	private FixedRateLoad() {
	}

	public static void main(String[] args) throws Exception {
		URI uri = URI.create(args[0]);
		String key = args[1];
		int rate = Integer.parseInt(args[2]);
		int seconds = Integer.parseInt(args[3]);
		int total = rate * seconds;
		long[] latencies = new long[total];
		AtomicInteger errors = new AtomicInteger();
		AtomicInteger nextSlot = new AtomicInteger();
		CountDownLatch done = new CountDownLatch(total);
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.executor(Executors.newVirtualThreadPerTaskExecutor())
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		long intervalNanos = 1_000_000_000L / rate;
		long start = System.nanoTime() + 50_000_000L;
		for (int i = 0; i < total; i++) {
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
				long latency = System.nanoTime() - due;
				if (failure != null || response.statusCode() != 202) {
					errors.incrementAndGet();
				}
				latencies[nextSlot.getAndIncrement()] = latency;
				done.countDown();
			});
		}
		if (!done.await(60, TimeUnit.SECONDS)) {
			System.out.println("error: not every request completed");
		}
		double elapsed = (System.nanoTime() - start) / 1e9;
		long[] sorted = Arrays.copyOf(latencies, nextSlot.get());
		Arrays.sort(sorted);
		System.out.printf(
				"requests=%d errors=%d achieved_rate=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f "
						+ "p999_ms=%.2f max_ms=%.2f%n",
				sorted.length, errors.get(), sorted.length / elapsed, percentile(sorted, 0.50),
				percentile(sorted, 0.90), percentile(sorted, 0.99), percentile(sorted, 0.999),
				sorted[sorted.length - 1] / 1e6);
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
