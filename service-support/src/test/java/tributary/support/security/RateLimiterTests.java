package tributary.support.security;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTests {

	private final AtomicLong now = new AtomicLong(1_000_000_000_000L);

	@Test
	void letsAnIdleKeyMakeABurstThenRefusesWithTheTimeToWait() {
		RateLimiter limiter = new RateLimiter(10, 3, this.now::get);
		assertThat(limiter.acquire(0)).isZero();
		assertThat(limiter.acquire(0)).isZero();
		assertThat(limiter.acquire(0)).isZero();
		assertThat(limiter.acquire(0)).isEqualTo(Duration.ofMillis(100));
	}

	@Test
	void refillsAtTheSustainedRate() {
		RateLimiter limiter = new RateLimiter(10, 1, this.now::get);
		assertThat(limiter.acquire(0)).isZero();
		this.now.addAndGet(Duration.ofMillis(40).toNanos());
		assertThat(limiter.acquire(0)).isEqualTo(Duration.ofMillis(60));
		this.now.addAndGet(Duration.ofMillis(60).toNanos());
		assertThat(limiter.acquire(0)).isZero();
		assertThat(limiter.acquire(0)).isPositive();
	}

	@Test
	void aRefusedRequestDoesNotUseUpTheAllowance() {
		RateLimiter limiter = new RateLimiter(10, 1, this.now::get);
		assertThat(limiter.acquire(0)).isZero();
		for (int i = 0; i < 100; i++) {
			assertThat(limiter.acquire(0)).isPositive();
		}
		this.now.addAndGet(Duration.ofMillis(100).toNanos());
		assertThat(limiter.acquire(0)).isZero();
	}

	@Test
	void limitsEachKeyOnItsOwn() {
		RateLimiter limiter = new RateLimiter(1, 1, this.now::get);
		assertThat(limiter.acquire(0)).isZero();
		assertThat(limiter.acquire(0)).isPositive();
		assertThat(limiter.acquire(1)).isZero();
	}

	@Test
	void doesNotSaveUpMoreThanTheBurstWhileIdle() {
		RateLimiter limiter = new RateLimiter(100, 2, this.now::get);
		assertThat(limiter.acquire(0)).isZero();
		this.now.addAndGet(Duration.ofHours(1).toNanos());
		assertThat(limiter.acquire(0)).isZero();
		assertThat(limiter.acquire(0)).isZero();
		assertThat(limiter.acquire(0)).isPositive();
	}

}
