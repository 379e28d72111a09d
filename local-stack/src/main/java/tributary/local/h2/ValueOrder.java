package tributary.local.h2;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.jspecify.annotations.Nullable;

/**
 * A total order of index key values, in MongoDB's order of BSON types, that holds two
 * values equal exactly when they are equal after mongo-java-server's key normalization.
 *
 * <p>
 * mongo-java-server normalizes every key before it reaches an index: numbers become
 * doubles (longs too large for a double stay longs), {@code -0.0} becomes {@code 0.0}, a
 * missing value becomes {@code null}, recursively inside documents and arrays. So numbers
 * compare by their exact mathematical value here, documents field by field in their order
 * (as MongoDB, <code>{a:1,b:2}</code> is not <code>{b:2,a:1}</code>), arrays element by
 * element. Its own {@code ValueComparator} is a sort order for query results, not a key
 * order: it compares arrays by their smallest element, so {@code [1, 2]} and
 * {@code [1, 3]} would be one key, and it is not transitive between NaN and large longs.
 */
final class ValueOrder {

	private static final int MIN_KEY = 0;

	private static final int NULL = 1;

	private static final int NUMBER = 2;

	private static final int STRING = 3;

	private static final int DOCUMENT = 4;

	private static final int ARRAY = 5;

	private static final int BIN_DATA = 6;

	private static final int LEGACY_UUID = 7;

	private static final int UUID_TYPE = 8;

	private static final int OBJECT_ID = 9;

	private static final int BOOLEAN = 10;

	private static final int DATE = 11;

	private static final int TIMESTAMP = 12;

	private static final int REGEX = 13;

	private static final int OTHER = 14;

	private static final int MAX_KEY = 15;

	private static final double TWO_TO_63 = 0x1p63;

	private ValueOrder() {
	}

	static int compareKeys(KeyValue a, KeyValue b) {
		if (a == b) {
			return 0;
		}
		int size = Math.min(a.size(), b.size());
		for (int i = 0; i < size; i++) {
			int cmp = compare(a.get(i), b.get(i));
			if (cmp != 0) {
				return cmp;
			}
		}
		return Integer.compare(a.size(), b.size());
	}

	static int compare(@Nullable Object a, @Nullable Object b) {
		if (a == b) {
			return 0;
		}
		// the common case of an index on a string _id, before any type dispatch
		if (a instanceof String s && b instanceof String t) {
			// UTF-16 order, not MongoDB's UTF-8 byte order: they differ
			// only in where surrogate pairs sort, which changes no
			// equality and nothing reads this order
			return s.compareTo(t);
		}
		int typeA = typeOf(a);
		int typeB = typeOf(b);
		if (typeA != typeB) {
			return Integer.compare(typeA, typeB);
		}
		if (a == null || b == null) {
			// null is of the NULL type, so both are null or missing: equal
			return 0;
		}
		return switch (typeA) {
			case MIN_KEY, NULL, MAX_KEY -> 0;
			case NUMBER -> compareNumbers((Number) a, (Number) b);
			case STRING -> ((String) a).compareTo((String) b);
			case DOCUMENT -> compareDocuments((Map<?, ?>) a, (Map<?, ?>) b);
			case ARRAY -> compareArrays((List<?>) a, (List<?>) b);
			case BIN_DATA -> compareBytes(((BinData) a).getData(), ((BinData) b).getData());
			case LEGACY_UUID -> ((LegacyUUID) a).getUuid().compareTo(((LegacyUUID) b).getUuid());
			case UUID_TYPE -> ((UUID) a).compareTo((UUID) b);
			case OBJECT_ID -> ((ObjectId) a).compareTo((ObjectId) b);
			case BOOLEAN -> Boolean.compare((Boolean) a, (Boolean) b);
			case DATE -> ((Instant) a).compareTo((Instant) b);
			case TIMESTAMP -> ((BsonTimestamp) a).compareTo((BsonTimestamp) b);
			case REGEX -> compareRegularExpressions((BsonRegularExpression) a, (BsonRegularExpression) b);
			default -> compareOthers(a, b);
		};
	}

	private static int typeOf(@Nullable Object value) {
		if (value == null || value instanceof Missing) {
			return NULL;
		}
		if (value instanceof String) {
			return STRING;
		}
		if (value instanceof Number) {
			return NUMBER;
		}
		if (value instanceof Map) {
			return DOCUMENT;
		}
		if (value instanceof List) {
			return ARRAY;
		}
		if (value instanceof ObjectId) {
			return OBJECT_ID;
		}
		if (value instanceof Boolean) {
			return BOOLEAN;
		}
		if (value instanceof Instant) {
			return DATE;
		}
		if (value instanceof BinData) {
			return BIN_DATA;
		}
		if (value instanceof LegacyUUID) {
			return LEGACY_UUID;
		}
		if (value instanceof UUID) {
			return UUID_TYPE;
		}
		if (value instanceof BsonTimestamp) {
			return TIMESTAMP;
		}
		if (value instanceof BsonRegularExpression) {
			return REGEX;
		}
		if (value instanceof MinKey) {
			return MIN_KEY;
		}
		if (value instanceof MaxKey) {
			return MAX_KEY;
		}
		return OTHER;
	}

	/**
	 * Compares two numbers by exact value; NaN equals NaN and sorts first, as in MongoDB.
	 */
	static int compareNumbers(Number a, Number b) {
		boolean integralA = isIntegral(a);
		boolean integralB = isIntegral(b);
		if (integralA && integralB) {
			return Long.compare(a.longValue(), b.longValue());
		}
		if (integralA) {
			return compareLongToDouble(a.longValue(), b.doubleValue());
		}
		if (integralB) {
			return -compareLongToDouble(b.longValue(), a.doubleValue());
		}
		return compareDoubles(a.doubleValue(), b.doubleValue());
	}

	private static boolean isIntegral(Number number) {
		return number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte;
	}

	private static int compareDoubles(double a, double b) {
		if (a < b) {
			return -1;
		}
		if (a > b) {
			return 1;
		}
		if (a == b) {
			// also 0.0 and -0.0, which MongoDB holds equal
			return 0;
		}
		return Boolean.compare(!Double.isNaN(a), !Double.isNaN(b));
	}

	private static int compareLongToDouble(long a, double b) {
		if (Double.isNaN(b)) {
			return 1;
		}
		if (b >= TWO_TO_63) {
			return -1;
		}
		if (b < -TWO_TO_63) {
			return 1;
		}
		// b is now within the range of a long, so truncating it is exact for its integral
		// part, and the difference of two nearby values is exact too
		long integral = (long) b;
		if (a != integral) {
			return Long.compare(a, integral);
		}
		double fraction = b - integral;
		return (fraction > 0) ? -1 : (fraction < 0) ? 1 : 0;
	}

	private static int compareDocuments(Map<?, ?> a, Map<?, ?> b) {
		Iterator<? extends Map.Entry<?, ?>> left = a.entrySet().iterator();
		Iterator<? extends Map.Entry<?, ?>> right = b.entrySet().iterator();
		while (left.hasNext() && right.hasNext()) {
			Map.Entry<?, ?> l = left.next();
			Map.Entry<?, ?> r = right.next();
			int cmp = Integer.compare(typeOf(l.getValue()), typeOf(r.getValue()));
			if (cmp == 0) {
				cmp = compare(l.getKey(), r.getKey());
			}
			if (cmp == 0) {
				cmp = compare(l.getValue(), r.getValue());
			}
			if (cmp != 0) {
				return cmp;
			}
		}
		return Boolean.compare(left.hasNext(), right.hasNext());
	}

	private static int compareArrays(List<?> a, List<?> b) {
		int size = Math.min(a.size(), b.size());
		for (int i = 0; i < size; i++) {
			int cmp = compare(a.get(i), b.get(i));
			if (cmp != 0) {
				return cmp;
			}
		}
		return Integer.compare(a.size(), b.size());
	}

	private static int compareBytes(byte[] a, byte[] b) {
		// MongoDB orders binary data by length first
		if (a.length != b.length) {
			return Integer.compare(a.length, b.length);
		}
		return Arrays.compareUnsigned(a, b);
	}

	private static int compareRegularExpressions(BsonRegularExpression a, BsonRegularExpression b) {
		int cmp = a.getPattern().compareTo(b.getPattern());
		return (cmp != 0) ? cmp : Objects.toString(a.getOptions(), "").compareTo(Objects.toString(b.getOptions(), ""));
	}

	/**
	 * Types MongoDB keys rarely hold (JavaScript code, for one) compare by class and
	 * then, unless equal, by their Java serialization, as the index compared every key
	 * before.
	 */
	private static int compareOthers(Object a, Object b) {
		int cmp = a.getClass().getName().compareTo(b.getClass().getName());
		if (cmp != 0 || a.equals(b)) {
			return cmp;
		}
		return Arrays.compare(serialize(a), serialize(b));
	}

	private static byte[] serialize(Object value) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(value);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot serialize index key value " + value, ex);
		}
		return bytes.toByteArray();
	}

}
