package tributary.warehouse.insights;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;
import tributary.warehouse.insights.Aggregates.Mark;
import tributary.warehouse.insights.Contributions.Target;

/**
 * The marks of the aggregate documents this instance wrote last, with the documents
 * themselves ({@link Mark#document}), so that its next write of the same documents need
 * not read them back first: a batch's write then costs the store one command instead of
 * one read per collection and the write.
 *
 * <p>
 * Why writing against a remembered mark stays exact: every write of an aggregate document
 * increments its version and matches the version it started from, and the warehouse never
 * deletes one. A document still at the version this instance wrote holds exactly the
 * marks and figures it wrote. One that another writer changed since no longer matches, so
 * the write loses the race as a write against a stale read does: the document is read and
 * written again. It is then read before every write for a while ({@link #CONTENDED}):
 * documents the instances of a scaled-out warehouse share change under each of them
 * between two of its writes, and remembering them would turn every one of those writes
 * into a lost race.
 *
 * <p>
 * A mark is {@linkplain #take taken} out before its document is written and remembered
 * again only once the store confirmed that write; after a failure, which may or may not
 * have changed the document, nothing is remembered of it. The least recently used marks
 * are dropped beyond the capacity.
 */
final class RememberedMarks {

	/**
	 * How long a document that changed under this instance is read before every write.
	 */
	static final Duration CONTENDED = Duration.ofMinutes(1);

	private final int capacity;

	private final LongSupplier nanoTime;

	private final Map<Key, Mark> marks;

	/** When each contended document may be remembered again, in nanoTime. */
	private final Map<Key, Long> contended;

	/**
	 * Remembers the marks of up to {@code capacity} documents.
	 * @param capacity how many documents' marks are kept at most; 0 remembers none
	 */
	RememberedMarks(int capacity) {
		this(capacity, System::nanoTime);
	}

	RememberedMarks(int capacity, LongSupplier nanoTime) {
		if (capacity < 0) {
			throw new IllegalArgumentException("capacity must be at least 0 but was " + capacity);
		}
		this.capacity = capacity;
		this.nanoTime = nanoTime;
		this.marks = new LinkedHashMap<>(16, 0.75f, true);
		this.contended = new LinkedHashMap<>();
	}

	/**
	 * Takes out the mark this instance wrote last to a document: until it is
	 * {@linkplain #remember remembered} again, the document is read.
	 * @param target the document
	 * @return the mark, or {@code null} if the document must be read
	 */
	synchronized @Nullable Mark take(Target target) {
		return this.marks.remove(key(target));
	}

	/**
	 * Remembers the marks of a document as the store confirmed them: what a confirmed
	 * write made them, or what was read and left unchanged.
	 * @param target the document
	 * @param mark its marks and version in the store now
	 */
	synchronized void remember(Target target, Mark mark) {
		if (this.capacity == 0) {
			return;
		}
		Key key = key(target);
		Long until = this.contended.get(key);
		if (until != null) {
			if (this.nanoTime.getAsLong() - until < 0) {
				return;
			}
			this.contended.remove(key);
		}
		this.marks.put(key, mark);
		if (this.marks.size() > this.capacity) {
			this.marks.remove(this.marks.keySet().iterator().next());
		}
	}

	/**
	 * Notes that a document changed under this instance between its read (or its last
	 * write) and its write: it is read before every write for the next
	 * {@link #CONTENDED}.
	 * @param target the document
	 */
	synchronized void contended(Target target) {
		if (this.capacity == 0) {
			return;
		}
		Key key = key(target);
		this.marks.remove(key);
		this.contended.remove(key);
		this.contended.put(key, this.nanoTime.getAsLong() + CONTENDED.toNanos());
		if (this.contended.size() > this.capacity) {
			this.contended.remove(this.contended.keySet().iterator().next());
		}
	}

	/** How many documents' marks are remembered, for the tests. */
	synchronized int size() {
		return this.marks.size();
	}

	private static Key key(Target target) {
		return new Key(target.aggregate(), target.id());
	}

	/** A document: its id within its collection. */
	private record Key(Aggregate aggregate, String id) {
	}

}
