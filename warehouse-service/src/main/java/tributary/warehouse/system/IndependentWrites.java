package tributary.warehouse.system;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Runs a batch's writes that do not depend on each other at the same time, and returns
 * only once every one of them has ended.
 *
 * <p>
 * The durable store answers a write only after the commit round that made it durable has
 * synced its file, and it syncs once per round for every write that finished since the
 * last. Writes sent one after the other therefore wait for one round each; sent together,
 * they share one. Measured with the store's own counters (its log line at close), a
 * warehouse batch otherwise made nine such rounds.
 *
 * <p>
 * Nothing is weakened: the call returns only when every write has ended, successful or
 * not, so that nothing of a failed batch is still running when the batch is retried or
 * written one record at a time; the first failure is thrown as it was (not wrapped, so
 * that it is judged transient or not as before) with the others suppressed in it.
 *
 * <p>
 * A small bounded pool of daemon threads rather than virtual threads: the code is
 * compiled for Java 17, which has none. The caller runs the last write itself; the pool's
 * threads only block on the store's answers, and a write never waits for another one of
 * the pool, so a full pool makes writes queue, never deadlock. Idle threads end after a
 * while.
 */
public final class IndependentWrites {

	private static final int THREADS = 16;

	private static final ThreadPoolExecutor POOL = pool();

	private IndependentWrites() {
	}

	private static ThreadPoolExecutor pool() {
		AtomicInteger count = new AtomicInteger();
		ThreadFactory threads = (task) -> {
			Thread thread = new Thread(task, "store-write-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), threads);
		pool.allowCoreThreadTimeOut(true);
		return pool;
	}

	/**
	 * Runs every write at once and waits for all of them.
	 * @param writes writes that do not depend on each other
	 * @return what each returned, in the order given
	 * @throws RuntimeException the first write's failure, in the order given, with the
	 * other failures suppressed in it
	 */
	public static <T> List<T> all(List<Supplier<T>> writes) {
		if (writes.isEmpty()) {
			return List.of();
		}
		if (writes.size() == 1) {
			return List.of(writes.get(0).get());
		}
		List<Future<T>> started = new ArrayList<>(writes.size());
		for (int i = 0; i < writes.size() - 1; i++) {
			Supplier<T> write = writes.get(i);
			started.add(POOL.submit(write::get));
		}
		// the caller's own write, while the pool's run
		List<T> last = new ArrayList<>(1);
		@Nullable Throwable lastFailure = null;
		try {
			last.add(writes.get(writes.size() - 1).get());
		}
		catch (RuntimeException | Error ex) {
			lastFailure = ex;
		}
		List<T> results = new ArrayList<>(writes.size());
		@Nullable Throwable failure = null;
		boolean interrupted = false;
		for (Future<T> future : started) {
			while (true) {
				try {
					results.add(future.get());
					break;
				}
				catch (InterruptedException ex) {
					// the writes are under way and end on their own; waiting for them
					// keeps a
					// failed batch from running on into its retry
					interrupted = true;
				}
				catch (ExecutionException ex) {
					Throwable cause = ex.getCause();
					failure = add(failure, (cause != null) ? cause : ex);
					break;
				}
				catch (CancellationException ex) {
					failure = add(failure, ex);
					break;
				}
			}
		}
		if (lastFailure != null) {
			failure = add(failure, lastFailure);
		}
		else {
			results.addAll(last);
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
		if (failure instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (failure instanceof Error error) {
			throw error;
		}
		if (failure != null) {
			throw new IllegalStateException("A write failed", failure);
		}
		return results;
	}

	private static Throwable add(@Nullable Throwable failure, Throwable another) {
		if (failure == null) {
			return another;
		}
		if (failure != another) {
			failure.addSuppressed(another);
		}
		return failure;
	}

}
