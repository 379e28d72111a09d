package tributary.local.h2;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import org.h2.mvstore.MVStore;
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
 * document without its index keys).
 */
final class GroupCommit implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

	private final MVStore store;

	/** Shared by running write commands, exclusive for taking a commit. */
	private final ReentrantReadWriteLock commands = new ReentrantReadWriteLock();

	/** Guards the fields below. */
	private final Object monitor = new Object();

	private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

	private long requested;

	private long durable;

	private boolean closed;

	private final AtomicLong rounds = new AtomicLong();

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
		this.commands.readLock().lock();
		try {
			return command.get();
		}
		finally {
			this.commands.readLock().unlock();
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
			this.waiters.add(new Waiter(++this.requested, durable));
			this.monitor.notifyAll();
		}
		return durable;
	}

	/** Commit and sync rounds taken so far, for measurements. */
	long rounds() {
		return this.rounds.get();
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
				commitAndSync();
				this.rounds.incrementAndGet();
			}
			catch (RuntimeException ex) {
				log.error("Could not commit and sync the store file: writes are not acknowledged", ex);
				failure = ex;
			}
			complete(target, failure);
		}
	}

	private void commitAndSync() {
		this.commands.writeLock().lock();
		try {
			this.store.commit();
		}
		finally {
			this.commands.writeLock().unlock();
		}
		// when H2's background writer committed first, commit() found nothing to do while
		// that chunk may still be queued for writing: wait for it
		this.store.executeFilestoreOperation(() -> {
		});
		this.store.sync();
	}

	private void complete(long target, RuntimeException failure) {
		synchronized (this.monitor) {
			this.durable = target;
			while (!this.waiters.isEmpty() && this.waiters.peek().sequence() <= target) {
				Waiter waiter = this.waiters.poll();
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
	}

	private record Waiter(long sequence, CompletableFuture<Void> durable) {
	}

}
