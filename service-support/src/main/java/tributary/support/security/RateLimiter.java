package tributary.support.security;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A token bucket per API key, kept as one "theoretical arrival time" per key (the generic
 * cell rate algorithm) so that a check is a single compare-and-set, without locks that
 * would pin virtual threads or a timer that refills buckets.
 */
public final class RateLimiter {

	private final long intervalNanos;

	private final long toleranceNanos;

	private final LongSupplier nanoClock;

	private final Map<Integer, AtomicLong> arrivals = new ConcurrentHashMap<>();

	/**
	 * A limiter with a sustained rate and a burst.
	 * @param requestsPerSecond the sustained rate per key
	 * @param burst how many requests an idle key may make at once
	 * @param nanoClock a monotonic clock in nanoseconds, {@code System::nanoTime} outside
	 * tests
	 */
	public RateLimiter(double requestsPerSecond, int burst, LongSupplier nanoClock) {
		this.intervalNanos = Math.max(1, Math.round(1_000_000_000d / requestsPerSecond));
		this.toleranceNanos = this.intervalNanos * (burst - 1L);
		this.nanoClock = nanoClock;
	}

	static RateLimiter of(RateLimitProperties properties) {
		return new RateLimiter(properties.requestsPerSecond(), properties.burst(), System::nanoTime);
	}

	/**
	 * Takes one request from a key's allowance.
	 * @param key the index of the key that made the request
	 * @return {@link Duration#ZERO} if the request may proceed, otherwise how long until
	 * the key may make its next request
	 */
	public Duration acquire(int key) {
		AtomicLong arrival = this.arrivals.computeIfAbsent(key, (k) -> new AtomicLong(Long.MIN_VALUE));
		while (true) {
			long now = this.nanoClock.getAsLong();
			long theoretical = arrival.get();
			// Long.MIN_VALUE marks a key never seen: its bucket is full.
			long start = (theoretical == Long.MIN_VALUE || theoretical - now < 0) ? now : theoretical;
			long wait = start - now - this.toleranceNanos;
			if (wait > 0) {
				return Duration.ofNanos(wait);
			}
			if (arrival.compareAndSet(theoretical, start + this.intervalNanos)) {
				return Duration.ZERO;
			}
		}
	}

}
