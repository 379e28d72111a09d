package tributary.warehouse.system;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A batch's independent writes: at once, all ended before the call returns, failures as
 * they were.
 */
class IndependentWritesTests {

	@Test
	void runsTheWritesAtOnceAndReturnsWhatEachReturnedInOrder() {
		// each write waits at the barrier for all the others: one after the other, the
		// first would time out
		CyclicBarrier together = new CyclicBarrier(4);
		List<Supplier<String>> writes = List.of(() -> meet(together, "a"), () -> meet(together, "b"),
				() -> meet(together, "c"), () -> meet(together, "d"));
		assertThat(IndependentWrites.all(writes)).containsExactly("a", "b", "c", "d");
	}

	@Test
	void throwsTheFirstFailureUnwrappedOnlyOnceEveryWriteHasEnded() {
		MongoSocketReadException lost = new MongoSocketReadException("store gone", new ServerAddress());
		IllegalArgumentException refused = new IllegalArgumentException("refused");
		CountDownLatch failed = new CountDownLatch(2);
		AtomicBoolean slowEnded = new AtomicBoolean();
		List<Supplier<Integer>> writes = List.of(() -> {
			failed.countDown();
			throw lost;
		}, () -> {
			// still running after both others failed
			await(failed);
			slowEnded.set(true);
			return 2;
		}, () -> {
			failed.countDown();
			throw refused;
		});
		assertThatExceptionOfType(MongoSocketReadException.class).isThrownBy(() -> IndependentWrites.all(writes))
			.isSameAs(lost)
			.satisfies((ex) -> assertThat(ex.getSuppressed()).containsExactly(refused));
		assertThat(slowEnded).isTrue();
	}

	@Test
	void aSingleWriteOrNoneRunsOnTheCallersThread() {
		Thread caller = Thread.currentThread();
		assertThat(IndependentWrites.all(List.of(() -> Thread.currentThread() == caller))).containsExactly(true);
		assertThat(IndependentWrites.<String>all(List.of())).isEmpty();
	}

	private static String meet(CyclicBarrier barrier, String value) {
		try {
			barrier.await(10, TimeUnit.SECONDS);
			return value;
		}
		catch (Exception ex) {
			throw new IllegalStateException("The writes did not run at once", ex);
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("The other writes did not fail");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
