package tributary.warehouse.insights;

import java.math.BigDecimal;
import java.math.MathContext;
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
		.thenComparing((entry) -> entry.path);

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
			merge(entry.operator, entry.path, entry.count, entry.value);
		}
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
			if (entry.operator != Operator.INC) {
				decimal(entry.decimal());
			}
		}
	}

	private void merge(Operator operator, String path, long count, @Nullable BigDecimal value) {
		for (int i = 0; i < this.size; i++) {
			Entry entry = this.entries[i];
			if (entry.operator == operator && entry.path.equals(path)) {
				this.entries[i] = entry.merge(count, value);
				return;
			}
		}
		if (this.size == this.entries.length) {
			this.entries = Arrays.copyOf(this.entries, this.size * 2);
		}
		this.entries[this.size++] = new Entry(operator, path, count, value);
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
	 * One field's part of the change.
	 *
	 * @param operator what is done to the field
	 * @param path the field
	 * @param count the count to add, for {@link Operator#INC}
	 * @param value the decimal to add or compare, for the others
	 */
	private record Entry(Operator operator, String path, long count, @Nullable BigDecimal value) {

		Entry merge(long otherCount, @Nullable BigDecimal otherValue) {
			return switch (this.operator) {
				case INC -> new Entry(this.operator, this.path, this.count + otherCount, null);
				case SUM -> new Entry(this.operator, this.path, 0L, decimal().add(valueOf(otherValue)));
				case MIN -> new Entry(this.operator, this.path, 0L, decimal().min(valueOf(otherValue)));
				case MAX -> new Entry(this.operator, this.path, 0L, decimal().max(valueOf(otherValue)));
			};
		}

		BigDecimal decimal() {
			return valueOf(this.value);
		}

		private static BigDecimal valueOf(@Nullable BigDecimal value) {
			if (value == null) {
				throw new IllegalStateException("A sum, minimum or maximum without a value");
			}
			return value;
		}

	}

}
