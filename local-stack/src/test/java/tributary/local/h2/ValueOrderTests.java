package tributary.local.h2;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ValueOrderTests {

	@Test
	void holdsNumbersEqualByValueWhateverTheirType() {
		assertThat(ValueOrder.compare(1, 1L)).isZero();
		assertThat(ValueOrder.compare(1L, 1.0)).isZero();
		assertThat(ValueOrder.compare(-0.0, 0.0)).isZero();
		assertThat(ValueOrder.compare(Double.NaN, Double.NaN)).isZero();
		assertThat(ValueOrder.compare(2, 1.5)).isPositive();
		assertThat(ValueOrder.compare(-2, -1.5)).isNegative();
	}

	@Test
	void comparesLongsTooLargeForADoubleExactly() {
		long twoTo53 = 1L << 53;
		assertThat(ValueOrder.compare(twoTo53 + 1, (double) twoTo53)).isPositive();
		assertThat(ValueOrder.compare((double) twoTo53, twoTo53 + 1)).isNegative();
		assertThat(ValueOrder.compare(Long.MAX_VALUE - 1, 0x1p63)).isNegative();
		assertThat(ValueOrder.compare(Long.MIN_VALUE + 1, -0x1p63)).isPositive();
		assertThat(ValueOrder.compare(Long.MAX_VALUE - 1, Double.POSITIVE_INFINITY)).isNegative();
	}

	@Test
	void sortsNanFirstAmongNumbersAndTypesInMongoDbOrder() {
		assertThat(ValueOrder.compare(Double.NaN, Double.NEGATIVE_INFINITY)).isNegative();
		assertThat(ValueOrder.compare(Double.NaN, Long.MIN_VALUE + 1)).isNegative();
		List<Object> ascending = List.of(MinKey.getInstance(), Missing.getInstance(), 5, "a", new Document("a", 1),
				List.of(1), new BinData(new byte[] { 1 }), new ObjectId(), true, Instant.EPOCH, MaxKey.getInstance());
		for (int i = 1; i < ascending.size(); i++) {
			assertThat(ValueOrder.compare(ascending.get(i - 1), ascending.get(i)))
				.as("%s < %s", ascending.get(i - 1), ascending.get(i))
				.isNegative();
		}
	}

	@Test
	void tellsApartArraysTheQuerySortOrderHoldsEqual() {
		Document one = new Document("tags", List.of(1.0, 2.0));
		Document other = new Document("tags", List.of(1.0, 3.0));
		// the library's sort order compares arrays by their smallest element
		assertThat(ValueComparator.asc().compare(one, other)).isZero();
		assertThat(ValueOrder.compare(one, other)).isNegative();
	}

	@Test
	void tellsApartDocumentsWithTheirFieldsInAnotherOrderAsMongoDbDoes() {
		Document ab = new Document("a", 1.0).append("b", 2.0);
		Document ba = new Document("b", 2.0).append("a", 1.0);
		assertThat(ValueOrder.compare(ab, ba)).isNotZero();
		assertThat(ValueOrder.compare(ab, new Document("a", 1.0).append("b", 2.0))).isZero();
	}

	@Test
	void isATotalOrderOfNormalizedKeysWhoseEqualityIsTheLibrarysEquality() {
		// an index only ever sees keys the library has normalized
		List<Object> values = sampleValues(new Random(20261122)).stream().map(ValueOrderTests::normalized).toList();
		for (Object a : values) {
			for (Object b : values) {
				int ab = ValueOrder.compare(a, b);
				assertThat(Integer.signum(ab)).as("antisymmetric for %s and %s", a, b)
					.isEqualTo(-Integer.signum(ValueOrder.compare(b, a)));
				assertThat(ab == 0).as("equal by order iff equal normalized: %s and %s", a, b)
					.isEqualTo(sameNormalized(a, b));
			}
		}
		List<Object> sorted = new ArrayList<>(values);
		sorted.sort(ValueOrder::compare);
		for (int i = 0; i < sorted.size(); i++) {
			for (int j = i + 1; j < sorted.size(); j++) {
				assertThat(ValueOrder.compare(sorted.get(i), sorted.get(j)))
					.as("transitive: %s then %s", sorted.get(i), sorted.get(j))
					.isLessThanOrEqualTo(0);
			}
		}
	}

	@Test
	void comparesCompoundKeysValueByValue() {
		assertThat(ValueOrder.compareKeys(new KeyValue(1.0, "x"), new KeyValue(1L, "x"))).isZero();
		assertThat(ValueOrder.compareKeys(new KeyValue(1.0, "x"), new KeyValue(1.0, "y"))).isNegative();
		assertThat(ValueOrder.compareKeys(new KeyValue(2.0, "a"), new KeyValue(1.0, "z"))).isPositive();
	}

	private static List<Object> sampleValues(Random random) {
		List<Object> values = new ArrayList<>(List.of(0, 0L, 0.0, -0.0, 1, 1L, 1.0, 1.5, -1, Double.NaN,
				Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, (1L << 53) + 1, (1L << 53), (double) (1L << 53),
				Long.MAX_VALUE - 1, Long.MAX_VALUE, 0x1p63, 1e19, Long.MIN_VALUE, Long.MIN_VALUE + 1, -1e19, "", "a",
				"b", "ab", "\uD83D\uDE00", "\uFFFF", true, false, Instant.EPOCH, Instant.ofEpochMilli(5),
				new ObjectId("5f1d7a0e0000000000000001"), new ObjectId("5f1d7a0e0000000000000002"),
				new BinData(new byte[] { 1, 2 }), new BinData(new byte[] { 1, 3 }), new BinData(new byte[] { 9 }),
				MinKey.getInstance(), MaxKey.getInstance(), Missing.getInstance()));
		values.add(null);
		for (int i = 0; i < 40; i++) {
			values.add(randomValue(random, 2));
		}
		return values;
	}

	private static Object randomValue(Random random, int depth) {
		int kind = random.nextInt((depth > 0) ? 7 : 5);
		return switch (kind) {
			case 0 -> random.nextInt(3);
			case 1 -> (double) random.nextInt(3);
			case 2 -> random.nextInt(3) + 0.5;
			case 3 -> String.valueOf((char) ('a' + random.nextInt(3)));
			case 4 -> random.nextBoolean() ? null : (long) random.nextInt(3);
			case 5 -> {
				List<Object> list = new ArrayList<>();
				for (int i = random.nextInt(3); i > 0; i--) {
					list.add(randomValue(random, depth - 1));
				}
				yield list;
			}
			default -> {
				Document document = new Document();
				for (int i = random.nextInt(3); i > 0; i--) {
					document.put(String.valueOf((char) ('x' + random.nextInt(3))), randomValue(random, depth - 1));
				}
				yield document;
			}
		};
	}

	private static Object normalized(Object value) {
		return new KeyValue(value).normalized().get(0);
	}

	/** Equal as the library's index keys are, with the order of fields counting. */
	private static boolean sameNormalized(Object a, Object b) {
		return Objects.equals(fieldOrdered(a), fieldOrdered(b));
	}

	private static Object fieldOrdered(Object value) {
		if (value instanceof Map<?, ?> map) {
			List<Object> fields = new ArrayList<>();
			map.forEach(
					(key, field) -> fields.add(List.of(key, Objects.requireNonNullElse(fieldOrdered(field), "null"))));
			return new Fields(fields);
		}
		if (value instanceof List<?> list) {
			List<Object> elements = new ArrayList<>();
			list.forEach((element) -> elements.add(fieldOrdered(element)));
			return elements;
		}
		return value;
	}

	private record Fields(List<Object> fields) {
	}

}
