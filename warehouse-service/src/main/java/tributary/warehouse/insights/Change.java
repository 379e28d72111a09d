package tributary.warehouse.insights;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import com.mongodb.client.model.Updates;
import org.bson.conversions.Bson;
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
 * sorted only when written, so the updates come out in the same order as ever.
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

	/** The update operators, for {@link Updates#combine}. */
	List<Bson> updates() {
		Entry[] sorted = Arrays.copyOf(this.entries, this.size);
		Arrays.sort(sorted, ORDER);
		List<Bson> updates = new ArrayList<>(sorted.length);
		for (Entry entry : sorted) {
			updates.add(switch (entry.operator) {
				case INC -> Updates.inc(entry.path, entry.count);
				case SUM -> Updates.inc(entry.path, decimal(entry.decimal()));
				case MIN -> Updates.min(entry.path, decimal(entry.decimal()));
				case MAX -> Updates.max(entry.path, decimal(entry.decimal()));
			});
		}
		return updates;
	}

	/**
	 * Converts every decimal as {@link #updates} will, without building the updates: a
	 * value that cannot be written fails here.
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
