package tributary.warehouse.insights;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Sums kept in micro-units where they fit a long come out exactly as the
 * {@link BigDecimal} sums they stand for: the same value with the same scale, however the
 * values are split into changes and merged; and a change applied to a document does what
 * the store's {@code $inc}, {@code $min} and {@code $max} would.
 */
class ChangeTests {

	private static final String[] FIELDS = { "a", "b", "c" };

	@Test
	void sumsAreTheExactDecimalSumsWithTheirScaleHoweverMerged() {
		Random random = new Random(17);
		int inMicros = 0;
		for (int run = 0; run < 5_000; run++) {
			List<Change> changes = new ArrayList<>();
			BigDecimal[] sums = new BigDecimal[FIELDS.length];
			BigDecimal[] minimums = new BigDecimal[FIELDS.length];
			BigDecimal[] maximums = new BigDecimal[FIELDS.length];
			long[] counts = new long[FIELDS.length];
			int values = 1 + random.nextInt(12);
			for (int i = 0; i < values; i++) {
				int field = random.nextInt(FIELDS.length);
				BigDecimal value = value(random, run);
				String path = FIELDS[field];
				Change change = new Change().count(path + ".count")
					.add(path + ".sum", value)
					.min(path + ".min", value)
					.max(path + ".max", value);
				changes.add(change);
				sums[field] = (sums[field] != null) ? sums[field].add(value) : value;
				minimums[field] = (minimums[field] != null) ? minimums[field].min(value) : value;
				maximums[field] = (maximums[field] != null) ? maximums[field].max(value) : value;
				counts[field]++;
			}
			Change merged = merge(changes, random);
			inMicros += merged.sumsInMicros();

			Document expected = new Document();
			for (int field = 0; field < FIELDS.length; field++) {
				if (counts[field] > 0) {
					expected.put(FIELDS[field],
							new Document("count", counts[field]).append("sum", decimal(sums[field]))
								.append("min", decimal(minimums[field]))
								.append("max", decimal(maximums[field])));
				}
			}
			Document applied = new Document();
			merged.applyTo(applied);
			assertThat(applied).as("run %d", run).isEqualTo(expected);
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
		Document applied = new Document();
		change.applyTo(applied);
		assertThat(applied.get("s")).isEqualTo(new Decimal128(big.add(big).add(new BigDecimal("0.5"))));
	}

	@Test
	void aTiedMinimumOrMaximumKeepsTheValueThereWithItsScale() {
		BigDecimal huge = new BigDecimal("1E+30");
		Change change = new Change().min("m", new BigDecimal("1.50")).max("x", new BigDecimal("-2"));
		change.addAll(new Change().min("m", new BigDecimal("1.5")).max("x", new BigDecimal("-2.000")));
		change.addAll(new Change().min("m", new BigDecimal("1.500000")).max("x", new BigDecimal("-2.0")));
		change.addAll(new Change().min("n", huge).max("y", new BigDecimal("0.1234567")));
		change.addAll(new Change().min("n", new BigDecimal("1E+30")).max("y", new BigDecimal("0.12345670")));
		change.addAll(new Change().min("n", new BigDecimal("-3.25")).max("y", new BigDecimal("0.2")));

		Document applied = new Document();
		change.applyTo(applied);
		assertThat(applied.get("m")).isEqualTo(new Decimal128(new BigDecimal("1.50")));
		assertThat(applied.get("x")).isEqualTo(new Decimal128(new BigDecimal("-2")));
		assertThat(applied.get("n")).as("a value of 31 digits against a small one")
			.isEqualTo(new Decimal128(new BigDecimal("-3.25")));
		assertThat(applied.get("y")).isEqualTo(new Decimal128(new BigDecimal("0.2")));
		Change tied = new Change().max("y", new BigDecimal("0.1234567"));
		tied.addAll(new Change().max("y", new BigDecimal("0.12345670")));
		tied.applyTo(applied);
		assertThat(applied.get("y")).as("the stored maximum is higher")
			.isEqualTo(new Decimal128(new BigDecimal("0.2")));
		Document fresh = new Document();
		tied.applyTo(fresh);
		assertThat(fresh.get("y")).isEqualTo(new Decimal128(new BigDecimal("0.1234567")));
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

	@Test
	void appliedToADocumentAddsCountsAndSumsAndKeepsTheLowerAndHigherValuesAsTheStoreWould() {
		Document document = new Document("_id", "h").append("weather",
				new Document("readings", 2).append("temperatureSum", new Decimal128(new BigDecimal("40.5")))
					.append("temperatureMin", new Decimal128(new BigDecimal("19.5")))
					.append("temperatureMax", new Decimal128(new BigDecimal("21.0")))
					.append("other", "kept"));
		Change change = new Change().count("weather.readings")
			.add("weather.temperatureSum", new BigDecimal("-0.25"))
			.min("weather.temperatureMin", new BigDecimal("19.50"))
			.max("weather.temperatureMax", new BigDecimal("21.25"))
			.count("feedback.ratings.5")
			.add("weather.humiditySum", new BigDecimal("55.5"));

		change.applyTo(document);

		Document weather = document.get("weather", Document.class);
		assertThat(weather.get("readings")).isEqualTo(3L);
		assertThat(weather.get("temperatureSum")).isEqualTo(new Decimal128(new BigDecimal("40.25")));
		assertThat(weather.get("temperatureMin")).as("an equal value leaves the one there")
			.isEqualTo(new Decimal128(new BigDecimal("19.5")));
		assertThat(weather.get("temperatureMax")).isEqualTo(new Decimal128(new BigDecimal("21.25")));
		assertThat(weather.get("humiditySum")).isEqualTo(new Decimal128(new BigDecimal("55.5")));
		assertThat(weather.get("other")).isEqualTo("kept");
		assertThat(document.get("feedback", Document.class).get("ratings", Document.class).get("5")).isEqualTo(1L);
		assertThat(document.getString("_id")).isEqualTo("h");
	}

	@Test
	void aNegativeZeroInTheDocumentAddsAndComparesAsZero() {
		Document document = new Document("s", Decimal128.NEGATIVE_ZERO).append("m", Decimal128.NEGATIVE_ZERO);

		new Change().add("s", new BigDecimal("1.5")).min("m", new BigDecimal("-1")).applyTo(document);

		assertThat(document.get("s")).isEqualTo(new Decimal128(new BigDecimal("1.5")));
		assertThat(document.get("m")).isEqualTo(new Decimal128(new BigDecimal("-1")));
	}

	@Test
	void aPathThroughAValueThatIsNoDocumentOrToOneThatIsNoNumberIsRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new Change().count("weather.readings").applyTo(new Document("weather", 3L)))
			.withMessageContaining("weather is not a document");
		assertThatIllegalStateException()
			.isThrownBy(() -> new Change().count("n").applyTo(new Document("n", new Decimal128(BigDecimal.ONE))))
			.withMessageContaining("not a whole number");
		assertThatIllegalStateException()
			.isThrownBy(() -> new Change().add("s", BigDecimal.ONE).applyTo(new Document("s", "text")))
			.withMessageContaining("not a number");
		assertThatIllegalStateException()
			.isThrownBy(() -> new Change().max("x", BigDecimal.ONE).applyTo(new Document("x", Decimal128.NaN)))
			.withMessageContaining("not a number");
	}

	private static Decimal128 decimal(BigDecimal value) {
		return new Decimal128(value.round(MathContext.DECIMAL128));
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
