package tributary.ingest.publishing;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * What the broker answered for each record of one request, and one count of those it has
 * not answered yet that the request waits on.
 *
 * <p>
 * The producer's single I/O thread completes every record of every request; with a future
 * per record and one waiting for all of them, completing those futures took most of its
 * callback time. Here a callback stores its answer in its slot and counts down. Each slot
 * is decided once: by the broker's answer, or as timed out by the request that stopped
 * waiting; an acknowledgement that comes after that is only timed.
 */
public final class Acknowledgements {

	private static final int PENDING = 0;

	private static final int ACKNOWLEDGED = 1;

	private static final int FAILED = 2;

	private static final int TIMED_OUT = 3;

	private final AtomicIntegerArray states;

	private final int[] partitions;

	private final long[] offsets;

	private final long[] nanos;

	private final @Nullable Throwable[] failures;

	private final AtomicInteger unanswered = new AtomicInteger();

	private final Timer timer;

	private int size;

	private volatile @Nullable Thread waiter;

	/**
	 * Creates the slots for a request.
	 * @param capacity at most how many records the request sends
	 * @param timer the publish timer, which records an acknowledgement that comes late
	 */
	public Acknowledgements(int capacity, Timer timer) {
		this.states = new AtomicIntegerArray(capacity);
		this.partitions = new int[capacity];
		this.offsets = new long[capacity];
		this.nanos = new long[capacity];
		this.failures = new Throwable[capacity];
		this.timer = timer;
	}

	/**
	 * Takes the slot of the next record, before it is sent; called by the request's
	 * thread only.
	 * @return the slot
	 */
	public int next() {
		this.unanswered.incrementAndGet();
		return this.size++;
	}

	/**
	 * How many slots the request has taken so far.
	 * @return the number of records it sent or is about to send
	 */
	int taken() {
		return this.size;
	}

	/**
	 * Stores the broker's acknowledgement of a record.
	 * @param slot the record's slot
	 * @param partition where it was written
	 * @param offset its offset there
	 * @param nanos how long the broker took, from the send
	 */
	public void acknowledged(int slot, int partition, long offset, long nanos) {
		this.partitions[slot] = partition;
		this.offsets[slot] = offset;
		this.nanos[slot] = nanos;
		if (this.states.compareAndSet(slot, PENDING, ACKNOWLEDGED)) {
			answered();
		}
		else if (this.states.get(slot) == TIMED_OUT) {
			// Late: the request answered without it and recorded nothing for it.
			this.timer.record(nanos, TimeUnit.NANOSECONDS);
		}
	}

	/**
	 * Stores why a record was not written; only the first answer of a slot counts.
	 * @param slot the record's slot
	 * @param failure what the producer reported
	 */
	public void failed(int slot, Throwable failure) {
		if (this.states.get(slot) != PENDING) {
			return;
		}
		this.failures[slot] = failure;
		if (this.states.compareAndSet(slot, PENDING, FAILED)) {
			answered();
		}
	}

	private void answered() {
		if (this.unanswered.decrementAndGet() == 0) {
			Thread waiting = this.waiter;
			if (waiting != null) {
				LockSupport.unpark(waiting);
			}
		}
	}

	/**
	 * Waits until every record taken so far is answered, or the deadline; called by the
	 * request's thread only, once every record was sent.
	 * @param deadline by {@link System#nanoTime()}
	 * @throws InterruptedException if the thread was interrupted while waiting
	 */
	public void await(long deadline) throws InterruptedException {
		this.waiter = Thread.currentThread();
		try {
			while (this.unanswered.get() > 0) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return;
				}
				LockSupport.parkNanos(this, remaining);
				if (Thread.interrupted()) {
					throw new InterruptedException();
				}
			}
		}
		finally {
			this.waiter = null;
		}
	}

	/**
	 * Decides a slot: whatever has not been answered yet is timed out from now on. Called
	 * by the request's thread, once for each slot, when it answers.
	 * @param slot the record's slot
	 * @return whether the broker acknowledged the record in time
	 */
	public boolean settle(int slot) {
		return this.states.get(slot) == ACKNOWLEDGED
				|| (!this.states.compareAndSet(slot, PENDING, TIMED_OUT) && this.states.get(slot) == ACKNOWLEDGED);
	}

	/**
	 * Why a record was not written, as soon as it is known (a producer that refused it at
	 * once included).
	 * @param slot the record's slot
	 * @return the failure, or {@code null} if it has not failed (yet)
	 */
	public @Nullable Throwable failure(int slot) {
		return (this.states.get(slot) == FAILED) ? this.failures[slot] : null;
	}

	/**
	 * Where a settled, acknowledged record was written.
	 * @param slot the record's slot
	 * @return its partition
	 */
	public int partition(int slot) {
		return this.partitions[slot];
	}

	/**
	 * Where a settled, acknowledged record was written.
	 * @param slot the record's slot
	 * @return its offset in its partition
	 */
	public long offset(int slot) {
		return this.offsets[slot];
	}

	/**
	 * How long the broker took to acknowledge a settled, acknowledged record.
	 * @param slot the record's slot
	 * @return nanoseconds from the send
	 */
	public long nanos(int slot) {
		return this.nanos[slot];
	}

}
