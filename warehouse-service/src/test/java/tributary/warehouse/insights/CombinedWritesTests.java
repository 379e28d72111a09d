package tributary.warehouse.insights;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Who writes what when submitters meet: the writes a submission is part of, and the
 * failures each submitter sees.
 */
class CombinedWritesTests {

	private static final String GATE = "gate";

	/** Every write, as the submissions it held. */
	private final List<List<String>> writes = new CopyOnWriteArrayList<>();

	private final CountDownLatch gateOpen = new CountDownLatch(1);

	private final CountDownLatch gateEntered = new CountDownLatch(1);

	private final DistributionSummary perWrite = DistributionSummary.builder("per-write")
		.register(new SimpleMeterRegistry());

	private final List<CompletableFuture<?>> submitters = new ArrayList<>();

	@AfterEach
	void openTheGate() {
		this.gateOpen.countDown();
		// each test looked at the outcomes it expects
		this.submitters.forEach((submitter) -> submitter.handle((result, failure) -> null).join());
	}

	@Test
	void submissionsThatWaitedAreWrittenTogetherInOneWrite() throws Exception {
		CombinedWrites<String> combined = combined((batch) -> {
		});

		whileAWriteIsInProgress(combined, "a", "b");

		assertThat(outcome(this.submitters.get(1))).isNull();
		assertThat(outcome(this.submitters.get(2))).isNull();
		assertThat(this.writes).containsExactly(List.of(GATE), List.of("a", "b"));
		assertThat(this.perWrite.count()).isEqualTo(2);
		assertThat(this.perWrite.max()).isEqualTo(2);
	}

	@Test
	void aFailureThatSaysNothingAboutTheSubmissionsReachesEveryOneOfThem() throws Exception {
		IllegalStateException storeDown = new IllegalStateException("store down");
		CombinedWrites<String> combined = new CombinedWrites<>(recording((batch) -> {
			if (!batch.contains(GATE)) {
				throw storeDown;
			}
		}), (failure) -> failure == storeDown, this.perWrite);

		whileAWriteIsInProgress(combined, "a", "b");

		assertThat(outcome(this.submitters.get(1))).isSameAs(storeDown);
		assertThat(outcome(this.submitters.get(2))).isSameAs(storeDown);
		assertThat(this.writes).as("not tried again one by one").containsExactly(List.of(GATE), List.of("a", "b"));
	}

	@Test
	void anyOtherFailureOfAWriteOfSeveralReachesOnlyTheSubmissionItBelongsTo() throws Exception {
		CombinedWrites<String> combined = combined((batch) -> {
			if (batch.contains("bad")) {
				throw new IllegalArgumentException("a document of 'bad' is refused");
			}
		});

		whileAWriteIsInProgress(combined, "bad", "good");

		assertThat(outcome(this.submitters.get(1))).isInstanceOf(IllegalArgumentException.class);
		assertThat(outcome(this.submitters.get(2))).isNull();
		assertThat(this.writes).containsExactly(List.of(GATE), List.of("bad", "good"), List.of("bad"), List.of("good"));
	}

	@Test
	void theStoreGoingAwayWhileWritingEachAloneReachesTheRestWithoutTryingThem() throws Exception {
		IllegalStateException storeDown = new IllegalStateException("store down");
		CombinedWrites<String> combined = new CombinedWrites<>(recording((batch) -> {
			if (batch.contains("bad")) {
				throw new IllegalArgumentException("refused");
			}
			if (batch.equals(List.of("c"))) {
				throw storeDown;
			}
		}), (failure) -> failure == storeDown, this.perWrite);

		whileAWriteIsInProgress(combined, "c", "bad", "d");

		assertThat(outcome(this.submitters.get(1))).isSameAs(storeDown);
		assertThat(outcome(this.submitters.get(2))).isSameAs(storeDown);
		assertThat(outcome(this.submitters.get(3))).isSameAs(storeDown);
		assertThat(this.writes).containsExactly(List.of(GATE), List.of("c", "bad", "d"), List.of("c"));
	}

	@Test
	void aSubmitterAloneWritesAtOnceAndGetsItsOwnFailure() {
		CombinedWrites<String> combined = combined((batch) -> {
			throw new IllegalArgumentException("refused");
		});

		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> combined.submit("a"));
		assertThat(this.writes).containsExactly(List.of("a"));
	}

	/**
	 * Submits the gate, which holds the first write open, then the others, one thread
	 * each, and lets the first write end once they all wait.
	 */
	private void whileAWriteIsInProgress(CombinedWrites<String> combined, String... others) throws Exception {
		this.submitters.add(submitting(combined, GATE));
		assertThat(this.gateEntered.await(10, TimeUnit.SECONDS)).isTrue();
		for (int i = 0; i < others.length; i++) {
			// one after the other, so that they wait in this order
			this.submitters.add(submitting(combined, others[i]));
			int waiting = i + 1;
			await().atMost(Duration.ofSeconds(10)).until(() -> combined.waiting() == waiting);
		}
		this.gateOpen.countDown();
		for (CompletableFuture<?> submitter : this.submitters) {
			try {
				submitter.get(10, TimeUnit.SECONDS);
			}
			catch (ExecutionException ex) {
				// looked at by outcome
			}
		}
	}

	/** A submitter on a thread of its own, as each consumer has. */
	private static CompletableFuture<Void> submitting(CombinedWrites<String> combined, String submission) {
		return CompletableFuture.runAsync(() -> combined.submit(submission),
				(task) -> new Thread(task, "submitter-" + submission).start());
	}

	private CombinedWrites<String> combined(Consumer<List<String>> write) {
		return new CombinedWrites<>(recording(write), (failure) -> false, this.perWrite);
	}

	/** Records every write; the gate's write waits until the gate is opened. */
	private Consumer<List<String>> recording(Consumer<List<String>> write) {
		return (batch) -> {
			this.writes.add(List.copyOf(batch));
			if (batch.contains(GATE)) {
				this.gateEntered.countDown();
				try {
					this.gateOpen.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			write.accept(batch);
		};
	}

	private static Throwable outcome(CompletableFuture<?> submitter) {
		try {
			submitter.get(10, TimeUnit.SECONDS);
			return null;
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

}
