package tributary.warehouse.insights;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.mongodb.client.model.Updates;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;

/**
 * What some events add to one aggregate document: counts and sums to add, values to take
 * the minimum or maximum of. Every part is commutative and associative, and sums are
 * exact decimals, so the result does not depend on how events are split into batches or
 * in which order they are applied.
 */
final class Change {

	private final Map<String, Long> counts = new TreeMap<>();

	private final Map<String, BigDecimal> sums = new TreeMap<>();

	private final Map<String, BigDecimal> minimums = new TreeMap<>();

	private final Map<String, BigDecimal> maximums = new TreeMap<>();

	Change count(String path) {
		this.counts.merge(path, 1L, Long::sum);
		return this;
	}

	Change add(String path, BigDecimal value) {
		this.sums.merge(path, value, BigDecimal::add);
		return this;
	}

	Change min(String path, BigDecimal value) {
		this.minimums.merge(path, value, BigDecimal::min);
		return this;
	}

	Change max(String path, BigDecimal value) {
		this.maximums.merge(path, value, BigDecimal::max);
		return this;
	}

	void addAll(Change other) {
		other.counts.forEach((path, count) -> this.counts.merge(path, count, Long::sum));
		other.sums.forEach(this::add);
		other.minimums.forEach(this::min);
		other.maximums.forEach(this::max);
	}

	boolean isEmpty() {
		return this.counts.isEmpty() && this.sums.isEmpty() && this.minimums.isEmpty() && this.maximums.isEmpty();
	}

	/** The update operators, for {@link Updates#combine}. */
	List<Bson> updates() {
		List<Bson> updates = new ArrayList<>();
		this.counts.forEach((path, count) -> updates.add(Updates.inc(path, count)));
		this.sums.forEach((path, sum) -> updates.add(Updates.inc(path, decimal(sum))));
		this.minimums.forEach((path, value) -> updates.add(Updates.min(path, decimal(value))));
		this.maximums.forEach((path, value) -> updates.add(Updates.max(path, decimal(value))));
		return updates;
	}

	private static Decimal128 decimal(BigDecimal value) {
		// 34 significant digits: more than any measurement has, so
		// nothing is rounded in practice.
		return new Decimal128(value.round(MathContext.DECIMAL128));
	}

}
