package tributary.warehouse.insights;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Comparator;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.jspecify.annotations.Nullable;

/**
 * What some events add to one aggregate document: counts and sums to add, values to take
 * the minimum or maximum of. Every part is commutative and associative, and sums are
 * exact decimals, so the result does not depend on how events are split into batches or
 * in which order they are applied.
 *
 * <p>
 * One change has a handful of fields (a reading's is the largest, with seven), and a
 * batch makes and merges a few per record: they are kept in a small array searched
 * linearly rather than in sorted maps, which cost a tenth of the intake's CPU, and are
 * sorted only when applied, so that a new document's fields come out in the same order
 * however the events were batched.
 */
final class Change {

	private static final Comparator<Entry> ORDER = Comparator.comparingInt((Entry entry) -> entry.operator.ordinal())
		.thenComparing((Entry entry) -> entry.path);

	private Entry[] entries = new Entry[4];

	private int size;

	Change count(String path) {
		merge(Operator.INC, path, 1L, null);
		return this;
	}

	Change add(String path, BigDecimal value) {
		merge(Operator.SUM, path, 0L, value);
		return this;
	}

	Change min(String path, BigDecimal value) {
		merge(Operator.MIN, path, 0L, value);
		return this;
	}

	Change max(String path, BigDecimal value) {
		merge(Operator.MAX, path, 0L, value);
		return this;
	}

	void addAll(Change other) {
		for (int i = 0; i < other.size; i++) {
			Entry entry = other.entries[i];
			Entry mine = find(entry.operator, entry.path);
			if (mine != null) {
				mine.merge(entry);
			}
			else {
				append(entry.copy());
			}
		}
	}

	/** How many of the sums are kept in micro-units, for the tests. */
	int sumsInMicros() {
		int count = 0;
		for (int i = 0; i < this.size; i++) {
			if (this.entries[i].inMicros()) {
				count++;
			}
		}
		return count;
	}

	boolean isEmpty() {
		return this.size == 0;
	}

	/**
	 * Applies this change to a document as the store applies {@code $inc}, {@code $min}
	 * and {@code $max} to the same paths: a count is added to a whole number, a sum to a
	 * decimal, and a minimum or maximum replaces the value only where it is lower or
	 * higher; a field or document on the path that is missing is created. Sums, minimums
	 * and maximums are written as {@code Decimal128}, as the store would keep them.
	 * @param document the document, changed in place; its documents on the paths changed
	 * are changed in place too
	 * @throws IllegalStateException if a path runs through a value that is not a
	 * document, or ends at one that is not a number: the document was not written by the
	 * warehouse
	 */
	void applyTo(Document document) {
		Entry[] sorted = Arrays.copyOf(this.entries, this.size);
		Arrays.sort(sorted, ORDER);
		for (Entry entry : sorted) {
			int dot = entry.path.lastIndexOf('.');
			Document parent = (dot < 0) ? document : parent(document, entry.path, dot);
			String field = entry.path.substring(dot + 1);
			Object current = parent.get(field);
			parent.put(field, switch (entry.operator) {
				case INC -> (current != null) ? Math.addExact(whole(current, entry.path), entry.count) : entry.count;
				case SUM -> {
					// the value rounded as it would have been sent, then the sum as the
					// store computes it
					BigDecimal value = entry.decimal().round(MathContext.DECIMAL128);
					yield decimal((current != null) ? number(current, entry.path).add(value) : value);
				}
				case MIN -> (current != null && number(current, entry.path).compareTo(entry.decimal()) <= 0) ? current
						: decimal(entry.decimal());
				case MAX -> (current != null && number(current, entry.path).compareTo(entry.decimal()) >= 0) ? current
						: decimal(entry.decimal());
			});
		}
	}

	/** The document that holds the last field of a dotted path, created where missing. */
	private static Document parent(Document document, String path, int lastDot) {
		Document parent = document;
		int start = 0;
		while (start < lastDot) {
			int end = path.indexOf('.', start);
			String name = path.substring(start, end);
			Object child = parent.get(name);
			if (child == null) {
				Document created = new Document();
				parent.put(name, created);
				parent = created;
			}
			else if (child instanceof Document nested) {
				parent = nested;
			}
			else {
				throw new IllegalStateException(
						"Cannot apply " + path + ": " + path.substring(0, end) + " is not a document but " + child);
			}
			start = end + 1;
		}
		return parent;
	}

	private static long whole(Object value, String path) {
		if (value instanceof Long || value instanceof Integer) {
			return ((Number) value).longValue();
		}
		throw new IllegalStateException("Cannot count in " + path + ": it holds " + value + ", not a whole number");
	}

	private static BigDecimal number(Object value, String path) {
		if (value instanceof Decimal128 decimal && !decimal.isNaN() && !decimal.isInfinite()) {
			try {
				return decimal.bigDecimalValue();
			}
			catch (ArithmeticException ex) {
				// a negative zero, which has no BigDecimal: it adds and compares as zero
				return BigDecimal.ZERO;
			}
		}
		if (value instanceof Long || value instanceof Integer) {
			return BigDecimal.valueOf(((Number) value).longValue());
		}
		throw new IllegalStateException("Cannot apply " + path + ": it holds " + value + ", not a number");
	}

	/**
	 * Converts every decimal as {@link #applyTo} will, without a document to apply it to:
	 * a value that cannot be written fails here.
	 */
	void check() {
		for (int i = 0; i < this.size; i++) {
			Entry entry = this.entries[i];
			// a sum in micro-units has at most 19 digits and an exponent from -6 to 12:
			// always a decimal128, so it is not built here
			if (entry.operator != Operator.INC && !entry.inMicros()) {
				decimal(entry.decimal());
			}
		}
	}

	private void merge(Operator operator, String path, long count, @Nullable BigDecimal value) {
		Entry entry = find(operator, path);
		if (entry != null) {
			entry.merge(new Entry(operator, path, count, value));
		}
		else {
			append(new Entry(operator, path, count, value));
		}
	}

	private @Nullable Entry find(Operator operator, String path) {
		for (int i = 0; i < this.size; i++) {
			Entry entry = this.entries[i];
			if (entry.operator == operator && entry.path.equals(path)) {
				return entry;
			}
		}
		return null;
	}

	private void append(Entry entry) {
		if (this.size == this.entries.length) {
			this.entries = Arrays.copyOf(this.entries, this.size * 2);
		}
		this.entries[this.size++] = entry;
	}

	private static Decimal128 decimal(BigDecimal value) {
		// 34 significant digits: more than any measurement has, so
		// nothing is rounded in practice.
		return new Decimal128(value.round(MathContext.DECIMAL128));
	}

	/** In the order the updates are written: counts, sums, minimums, maximums. */
	private enum Operator {

		INC, SUM, MIN, MAX

	}

	/**
	 * One field's part of the change, merged in place: a change is built and merged by
	 * one thread, and its entries are never shared with another change.
	 */
	private static final class Entry {

		/** Micro-units: a sum whose every value has at most six decimals is a long. */
		private static final int MICRO_SCALE = 6;

		private static final long[] POWERS_OF_TEN = new long[19];

		static {
			POWERS_OF_TEN[0] = 1;
			for (int i = 1; i < POWERS_OF_TEN.length; i++) {
				POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
			}
		}

		private final Operator operator;

		private final String path;

		/** The count to add, for {@link Operator#INC}. */
		private long count;

		/**
		 * The decimal to add or compare, for the others; {@code null} for a sum kept in
		 * {@link #micros}.
		 */
		private @Nullable BigDecimal value;

		/** A sum in micro-units, while it and every value added fit a long. */
		private long micros;

		/**
		 * The largest scale of the values summed: the scale of their exact
		 * {@link BigDecimal} sum, which the sum in micro-units is given back with.
		 */
		private int scale;

		Entry(Operator operator, String path, long count, @Nullable BigDecimal value) {
			this.operator = operator;
			this.path = path;
			this.count = count;
			this.value = value;
			if (operator != Operator.INC && value == null) {
				throw new IllegalStateException("A sum, minimum or maximum without a value");
			}
			if (operator == Operator.SUM && value != null && toMicros(value)) {
				this.value = null;
			}
		}

		private Entry(Entry other) {
			this.operator = other.operator;
			this.path = other.path;
			this.count = other.count;
			this.value = other.value;
			this.micros = other.micros;
			this.scale = other.scale;
		}

		Entry copy() {
			return new Entry(this);
		}

		/** Merges another entry of the same operator and field into this one. */
		void merge(Entry other) {
			switch (this.operator) {
				case INC -> this.count += other.count;
				case SUM -> add(other);
				case MIN -> this.value = decimal().min(other.decimal());
				case MAX -> this.value = decimal().max(other.decimal());
			}
		}

		/**
		 * Adds exactly as {@link BigDecimal#add} would, in micro-units while both sums
		 * are kept in them and their sum fits a long: the same value with the same scale.
		 */
		private void add(Entry other) {
			if (this.value == null && other.value == null) {
				long sum = this.micros + other.micros;
				// an overflow gives a sum of the other sign than both
				if (((this.micros ^ sum) & (other.micros ^ sum)) >= 0) {
					this.micros = sum;
					this.scale = Math.max(this.scale, other.scale);
					return;
				}
			}
			this.value = decimal().add(other.decimal());
		}

		BigDecimal decimal() {
			return (this.value != null) ? this.value : fromMicros();
		}

		/** Whether the sum is kept in micro-units, for the tests. */
		boolean inMicros() {
			return this.operator == Operator.SUM && this.value == null;
		}

		private boolean toMicros(BigDecimal value) {
			long micros = micros(value);
			if (micros == NOT_MICROS) {
				return false;
			}
			this.micros = micros;
			this.scale = value.scale();
			return true;
		}

		private BigDecimal fromMicros() {
			// exact: every value summed was a whole number of units of this scale
			return BigDecimal.valueOf(this.micros, MICRO_SCALE).setScale(this.scale, RoundingMode.UNNECESSARY);
		}

		/**
		 * Marks a value that is no whole long of micro-units (never one itself: |micros|
		 * < 2^63).
		 */
		private static final long NOT_MICROS = Long.MIN_VALUE;

		/**
		 * The value in micro-units, or {@link #NOT_MICROS}; without building a
		 * {@link java.math.BigInteger} where the value is small.
		 */
		private static long micros(BigDecimal value) {
			int shift = MICRO_SCALE - value.scale();
			if (shift < 0 || shift >= POWERS_OF_TEN.length || value.precision() > 18) {
				return NOT_MICROS;
			}
			// at most 18 digits: the unscaled value is a long, and not its minimum
			long unscaled = value.unscaledValue().longValue();
			long power = POWERS_OF_TEN[shift];
			return (Math.abs(unscaled) <= Long.MAX_VALUE / power) ? unscaled * power : NOT_MICROS;
		}

	}

}
