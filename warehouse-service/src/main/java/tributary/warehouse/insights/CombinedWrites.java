package tributary.warehouse.insights;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.micrometer.core.instrument.DistributionSummary;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flat combining of the writes of one instance's consumers: whoever submits while no
 * write is in progress becomes the writer, takes every submission waiting (its own
 * included) and writes them together; the others wait until theirs was written.
 *
 * <p>
 * A failure that says the store cannot take writes now reaches every submitter of the
 * write, each of which retries its own batch. Any other failure of a write of several
 * submissions may be about a document of one of them only, so each is then written alone,
 * and a submitter sees only the failure of its own write: what one batch holds never
 * fails another's.
 *
 * @param <S> what one submitter writes
 */
final class CombinedWrites<S> {

	private static final Logger log = LoggerFactory.getLogger(CombinedWrites.class);

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition written = this.lock.newCondition();

	private final List<Submission<S>> waiting = new ArrayList<>();

	private final Consumer<List<S>> write;

	private final Predicate<Throwable> sharedByAll;

	private final DistributionSummary perWrite;

	private boolean writing;

	/**
	 * Combines submissions into writes.
	 * @param write writes submissions together, durably, or throws
	 * @param sharedByAll whether a failure says nothing about the submissions written
	 * (the store is unreachable, could not confirm the write concern, ...)
	 * @param perWrite records how many submissions each write took
	 */
	CombinedWrites(Consumer<List<S>> write, Predicate<Throwable> sharedByAll, DistributionSummary perWrite) {
		this.write = write;
		this.sharedByAll = sharedByAll;
		this.perWrite = perWrite;
	}

	/**
	 * Writes a submission, with whatever others are waiting, and returns once it was
	 * written.
	 * @param work what to write
	 * @throws RuntimeException what the write of this submission threw
	 */
	void submit(S work) {
		Submission<S> mine = new Submission<>(work);
		List<Submission<S>> taken = null;
		this.lock.lock();
		try {
			this.waiting.add(mine);
			while (this.writing && !mine.done) {
				// Uninterruptibly: the writer may be writing this submission, whose
				// outcome must be known before returning. An interrupt stays set for the
				// caller, as it would while writing alone in a store call.
				this.written.awaitUninterruptibly();
			}
			if (!mine.done) {
				this.writing = true;
				taken = new ArrayList<>(this.waiting);
				this.waiting.clear();
			}
		}
		finally {
			this.lock.unlock();
		}
		if (taken != null) {
			Throwable unexpected = null;
			try {
				writeAll(taken);
			}
			catch (Throwable ex) {
				unexpected = ex;
				throw ex;
			}
			finally {
				finish(taken, unexpected);
			}
		}
		mine.rethrow();
	}

	/** How many submissions wait for the write in progress to end. */
	int waiting() {
		this.lock.lock();
		try {
			return this.waiting.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Writes the submissions and sets the failure of each whose write failed. */
	private void writeAll(List<Submission<S>> taken) {
		this.perWrite.record(taken.size());
		try {
			this.write.accept(taken.stream().map(Submission::work).toList());
			return;
		}
		catch (RuntimeException | Error ex) {
			if (taken.size() == 1 || this.sharedByAll.test(ex)) {
				taken.forEach((submission) -> submission.failure = ex);
				return;
			}
			log.warn("A write of {} batches' aggregates failed ({}); writing each batch alone", taken.size(),
					String.valueOf(ex));
		}
		for (int i = 0; i < taken.size(); i++) {
			Submission<S> submission = taken.get(i);
			this.perWrite.record(1);
			try {
				this.write.accept(List.of(submission.work()));
			}
			catch (RuntimeException | Error ex) {
				submission.failure = ex;
				if (this.sharedByAll.test(ex)) {
					// the store went away: the others would wait for it in turn
					taken.subList(i + 1, taken.size()).forEach((rest) -> rest.failure = ex);
					return;
				}
			}
		}
	}

	/** Releases the submitters of a write, and the next writer. */
	private void finish(List<Submission<S>> taken, @Nullable Throwable unexpected) {
		this.lock.lock();
		try {
			for (Submission<S> submission : taken) {
				if (unexpected != null && submission.failure == null) {
					submission.failure = unexpected;
				}
				submission.done = true;
			}
			this.writing = false;
			this.written.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** One submitter's work and, once done, how its write ended. */
	private static final class Submission<S> {

		private final S work;

		/** Set under the lock, after {@link #failure}. */
		private boolean done;

		private @Nullable Throwable failure;

		Submission(S work) {
			this.work = work;
		}

		S work() {
			return this.work;
		}

		void rethrow() {
			Throwable failure = this.failure;
			if (failure instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (failure instanceof Error error) {
				throw error;
			}
		}

	}

}
