package tributary.local.h2;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.h2.mvstore.MVStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the writes of a file-backed MVStore durable in groups: one thread commits and
 * syncs the file for every write command that finished since its last round, so
 * concurrent writers share one {@code fsync}.
 *
 * <p>
 * H2 writes a commit as one new chunk (header, pages, layout, footer) and finds the
 * newest complete chunk again when it opens the file, so a chunk written and then
 * {@code force}d survives {@code kill -9} and power loss alike. Commits are taken only
 * between write commands ({@link #command}), so a commit never holds half of one (a
 * document without its index keys); H2's own commits (its background writer after a
 * second without one of ours, or under memory pressure) still may.
 */
final class GroupCommit implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

	private final MVStore store;

	/** Guards {@link #running} and {@link #committing}. */
	private final Object gate = new Object();

	/** Write commands running now. */
	private int running;

	/** Whether a commit is being taken, during which no write command starts. */
	private boolean committing;

	/** Guards the fields below. */
	private final Object monitor = new Object();

	private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

	private long requested;

	private long durable;

	private boolean closed;

	private final AtomicLong rounds = new AtomicLong();

	private final AtomicLong gapNanos = new AtomicLong();

	private final AtomicLong commitNanos = new AtomicLong();

	private final AtomicLong syncNanos = new AtomicLong();

	private final AtomicLong commands = new AtomicLong();

	private final AtomicLong waits = new AtomicLong();

	private final AtomicLong waitNanos = new AtomicLong();

	private final Thread committer;

	GroupCommit(MVStore store) {
		this.store = store;
		this.committer = new Thread(this::run, "store-group-commit");
		this.committer.setDaemon(true);
		this.committer.start();
	}

	/**
	 * Runs a command that may write, never while a commit is being taken.
	 * @param command the command
	 * @return what it returned
	 */
	<T> T command(Supplier<T> command) {
		synchronized (this.gate) {
			while (this.committing) {
				try {
					this.gate.wait();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while the store was committing", ex);
				}
			}
			this.running++;
		}
		this.commands.incrementAndGet();
		try {
			return command.get();
		}
		finally {
			synchronized (this.gate) {
				if (--this.running == 0) {
					this.gate.notifyAll();
				}
			}
		}
	}

	/**
	 * Asks for a commit and sync covering every command that has returned so far.
	 * @return completes once that is on disk, exceptionally if it could not be
	 */
	CompletableFuture<Void> durable() {
		CompletableFuture<Void> durable = new CompletableFuture<>();
		synchronized (this.monitor) {
			if (this.closed) {
				durable.completeExceptionally(new IllegalStateException("The store is closing"));
				return durable;
			}
			this.waiters.add(new Waiter(++this.requested, durable, System.nanoTime()));
			this.monitor.notifyAll();
		}
		return durable;
	}

	/**
	 * What the rounds taken so far cost, for measurements.
	 * @return rounds, then nanoseconds spent waiting for running write commands to end,
	 * committing (write commands wait) and syncing
	 */
	long[] statistics() {
		return new long[] { this.rounds.get(), this.gapNanos.get(), this.commitNanos.get(), this.syncNanos.get() };
	}

	private void run() {
		while (true) {
			long target;
			synchronized (this.monitor) {
				while (this.requested == this.durable && !this.closed) {
					try {
						this.monitor.wait();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
				}
				if (this.requested == this.durable) {
					return;
				}
				target = this.requested;
			}
			RuntimeException failure = null;
			try {
				target = commitAndSync(target);
				this.rounds.incrementAndGet();
			}
			catch (RuntimeException ex) {
				log.error("Could not commit and sync the store file: writes are not acknowledged", ex);
				failure = ex;
			}
			complete(target, failure);
		}
	}

	/**
	 * Commits and syncs.
	 * @param requested the last request when the round began
	 * @return the last request this round covers: also those of the commands that ended
	 * while it waited for a gap, which would otherwise wait for one more round although
	 * their writes are in this one
	 */
	private long commitAndSync(long requested) {
		// commands may start while waiting for a gap: those too are in this commit, and
		// each client sends its next write only once this one is answered, so a gap comes
		long start = System.nanoTime();
		synchronized (this.gate) {
			while (this.running > 0) {
				try {
					this.gate.wait();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while waiting to commit", ex);
				}
			}
			this.committing = true;
		}
		// No command runs now and none starts until the commit is taken, and a command
		// asks for durability only after it has ended: every request made so far is of a
		// command whose writes this commit holds.
		long covered;
		synchronized (this.monitor) {
			covered = Math.max(requested, this.requested);
		}
		long gap = System.nanoTime();
		try {
			// only the switch to a new version must see no command running: tryCommit()
			// hands the writing of the chunk to H2's serialization thread and returns
			if (this.store.tryCommit() < 0 && this.store.hasUnsavedChanges()) {
				// H2 was busy (its background writer holds the store lock)
				this.store.commit();
			}
		}
		finally {
			synchronized (this.gate) {
				this.committing = false;
				this.gate.notifyAll();
			}
		}
		long committed = System.nanoTime();
		// wait until that chunk, and any H2 committed before on its own, is written
		this.store.executeFilestoreOperation(() -> {
		});
		this.store.sync();
		this.gapNanos.addAndGet(gap - start);
		this.commitNanos.addAndGet(committed - gap);
		this.syncNanos.addAndGet(System.nanoTime() - committed);
		return covered;
	}

	private void complete(long target, @Nullable RuntimeException failure) {
		long now = System.nanoTime();
		synchronized (this.monitor) {
			this.durable = target;
			while (!this.waiters.isEmpty() && this.waiters.peek().sequence() <= target) {
				Waiter waiter = this.waiters.poll();
				this.waits.incrementAndGet();
				this.waitNanos.addAndGet(now - waiter.since());
				if (failure == null) {
					waiter.durable().complete(null);
				}
				else {
					waiter.durable().completeExceptionally(failure);
				}
			}
		}
	}

	/** Takes a last round for the writes still waiting, then stops. */
	@Override
	public void close() {
		synchronized (this.monitor) {
			this.closed = true;
			this.monitor.notifyAll();
		}
		try {
			this.committer.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		logStatistics();
	}

	/**
	 * One line at the end saying how well writes shared rounds: a benchmark reads it from
	 * the store's log to tell whether its writers wait for the sync or for each other.
	 */
	private void logStatistics() {
		long rounds = this.rounds.get();
		long waits = this.waits.get();
		if (rounds == 0) {
			return;
		}
		log.info(
				"Group commit: {} write commands, {} durability waits in {} rounds ({} waits per round); "
						+ "a wait took {} ms on average; per round {} ms waiting for running commands, "
						+ "{} ms committing, {} ms syncing",
				this.commands.get(), waits, rounds, String.format("%.2f", (double) waits / rounds),
				String.format("%.2f", this.waitNanos.get() / 1e6 / Math.max(1, waits)),
				String.format("%.2f", this.gapNanos.get() / 1e6 / rounds),
				String.format("%.2f", this.commitNanos.get() / 1e6 / rounds),
				String.format("%.2f", this.syncNanos.get() / 1e6 / rounds));
	}

	private record Waiter(long sequence, CompletableFuture<Void> durable, long since) {
	}

}
