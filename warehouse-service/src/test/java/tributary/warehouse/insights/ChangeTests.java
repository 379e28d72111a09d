package tributary.warehouse.insights;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.mongodb.client.model.Updates;
import org.bson.BsonDocument;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Sums kept in micro-units where they fit a long come out exactly as the
 * {@link BigDecimal} sums they stand for: the same value with the same scale, however the
 * values are split into changes and merged.
 */
class ChangeTests {

	private static final String[] PATHS = { "a.sum", "b.sum", "c.sum" };

	@Test
	void sumsAreTheExactDecimalSumsWithTheirScaleHoweverMerged() {
		Random random = new Random(17);
		int inMicros = 0;
		for (int run = 0; run < 5_000; run++) {
			List<Change> changes = new ArrayList<>();
			BigDecimal[] sums = new BigDecimal[PATHS.length];
			BigDecimal[] minimums = new BigDecimal[PATHS.length];
			BigDecimal[] maximums = new BigDecimal[PATHS.length];
			long[] counts = new long[PATHS.length];
			int values = 1 + random.nextInt(12);
			for (int i = 0; i < values; i++) {
				int field = random.nextInt(PATHS.length);
				BigDecimal value = value(random, run);
				String path = PATHS[field];
				Change change = new Change().count(path).add(path, value).min(path, value).max(path, value);
				changes.add(change);
				sums[field] = (sums[field] != null) ? sums[field].add(value) : value;
				minimums[field] = (minimums[field] != null) ? minimums[field].min(value) : value;
				maximums[field] = (maximums[field] != null) ? maximums[field].max(value) : value;
				counts[field]++;
			}
			Change merged = merge(changes, random);
			inMicros += merged.sumsInMicros();

			List<BsonDocument> expected = new ArrayList<>();
			for (int field = 0; field < PATHS.length; field++) {
				if (counts[field] > 0) {
					expected.add(Updates.inc(PATHS[field], counts[field]).toBsonDocument());
				}
			}
			for (BigDecimal[] column : List.of(sums, minimums, maximums)) {
				for (int field = 0; field < PATHS.length; field++) {
					if (column[field] == null) {
						continue;
					}
					Decimal128 decimal = new Decimal128(column[field].round(MathContext.DECIMAL128));
					expected.add(((column == sums) ? Updates.inc(PATHS[field], decimal) : (column == minimums)
							? Updates.min(PATHS[field], decimal) : Updates.max(PATHS[field], decimal))
						.toBsonDocument());
				}
			}
			assertThat(merged.updates().stream().map((update) -> update.toBsonDocument()).toList()).as("run %d", run)
				.isEqualTo(expected);
		}
		assertThat(inMicros).as("sums kept in micro-units, the rest as decimals").isBetween(2_000, 10_000);
	}

	@Test
	void aSumThatLeavesALongGoesOnExactly() {
		BigDecimal big = BigDecimal.valueOf(Long.MAX_VALUE / 1_000_000 - 1);
		Change change = new Change().add("s", big);
		change.addAll(new Change().add("s", big));
		change.addAll(new Change().add("s", new BigDecimal("0.5")));

		assertThat(change.sumsInMicros()).isZero();
		assertThat(change.updates().get(0).toBsonDocument().getDocument("$inc").getDecimal128("s").getValue())
			.isEqualTo(new Decimal128(big.add(big).add(new BigDecimal("0.5"))));
	}

	@Test
	void checksWhatNoDecimal128CanHoldWhetherSummedOrCompared() {
		BigDecimal tooSmall = new BigDecimal("1E-7000");
		BigDecimal inRange = new BigDecimal("-922337203685.4775807");

		new Change().add("s", inRange).min("m", inRange).max("x", inRange).check();
		assertThatIllegalArgumentException().isThrownBy(() -> new Change().add("s", tooSmall).check());
		assertThatIllegalArgumentException().isThrownBy(() -> new Change().min("m", tooSmall).check());
		assertThatIllegalArgumentException().isThrownBy(() -> new Change().max("x", tooSmall).check());
	}

	/** Merges in a random tree of changes, the way batches and aggregates do. */
	private static Change merge(List<Change> changes, Random random) {
		List<Change> level = new ArrayList<>(changes);
		while (level.size() > 1) {
			int i = random.nextInt(level.size() - 1);
			Change into = (random.nextBoolean()) ? new Change() : level.get(i);
			if (into != level.get(i)) {
				into.addAll(level.get(i));
			}
			into.addAll(level.remove(i + 1));
			level.set(i, into);
		}
		Change merged = new Change();
		merged.addAll(level.get(0));
		return merged;
	}

	/**
	 * Values as the events carry them: a few decimals, whole numbers, negative scales,
	 * more decimals than micro-units hold, and near the limits of a long.
	 */
	private static BigDecimal value(Random random, int run) {
		return switch (random.nextInt(8)) {
			case 0 -> BigDecimal.valueOf(random.nextInt(2001) - 1000, random.nextInt(3));
			case 1 -> BigDecimal.valueOf(Math.round((random.nextDouble() * 2 - 1) * 10_000) / 10_000.0);
			case 2 -> BigDecimal.valueOf(random.nextInt(100), -random.nextInt(5));
			case 3 -> new BigDecimal(BigInteger.valueOf(random.nextLong()), random.nextInt(12));
			case 4 -> BigDecimal.valueOf(random.nextLong() / 1_000_000 / (1 + random.nextInt(3)), random.nextInt(7));
			case 5 -> new BigDecimal(new BigInteger(80, random), random.nextInt(10));
			case 6 -> BigDecimal.valueOf(random.nextDouble() * 100);
			default -> BigDecimal.valueOf((run % 7) - 3, 6);
		};
	}

}
