package tributary.warehouse.events;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.bson.types.Decimal128;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tributary.support.time.Rfc3339;

/**
 * Typed, checked access to the fields of one record, with the contract's rules (JSON
 * Schema draft 2020-12 semantics: lengths in code points, integers may be written
 * {@code 5.0}, a required field may still allow {@code null} where the schema says so).
 */
final class JsonRecord {

	private static final Pattern PLATFORM = Pattern.compile("[a-z0-9_-]{1,32}");

	/** RFC 3339's {@code date-fullyear} is four digits: no sign, no fifth digit. */
	private static final Pattern FOUR_DIGIT_YEAR = Pattern.compile("[0-9]{4}-");

	/** The instants a four-digit year can name in UTC, which every consumer can write. */
	static final Instant FIRST_INSTANT = Instant.parse("0000-01-01T00:00:00Z");

	static final Instant LAST_INSTANT = Instant.parse("9999-12-31T23:59:59.999999999Z");

	private final JsonNode node;

	JsonRecord(JsonNode node) {
		this.node = node;
	}

	String string(String name, int minLength, int maxLength) {
		JsonNode value = required(name);
		return checkedString(name, value, minLength, maxLength);
	}

	@Nullable String optionalString(String name, int maxLength) {
		JsonNode value = this.node.get(name);
		return (value == null || value.isNull()) ? null : checkedString(name, value, 0, maxLength);
	}

	void optionalStringArray(String name, int maxItems, int maxLength) {
		JsonNode value = this.node.get(name);
		if (value == null || value.isNull()) {
			return;
		}
		if (!value.isArray()) {
			throw invalid(name, "must be an array or null but was " + describe(value));
		}
		if (value.size() > maxItems) {
			throw invalid(name, "must have at most " + maxItems + " items but had " + value.size());
		}
		int index = 0;
		for (JsonNode item : value) {
			checkedString(name + "[" + index++ + "]", item, 0, maxLength);
		}
	}

	String platform(String name) {
		String value = string(name, 1, 32);
		if (!PLATFORM.matcher(value).matches()) {
			throw invalid(name, "must be 1 to 32 of a-z, 0-9, '_' or '-' but was '" + value + "'");
		}
		return value;
	}

	Instant instant(String name) {
		Instant value = nullableInstant(name);
		if (value == null) {
			throw invalid(name, "must be an ISO-8601 date-time but was null");
		}
		return value;
	}

	/** A field that must be present but may be {@code null}. */
	@Nullable Instant nullableInstant(String name) {
		JsonNode value = required(name);
		if (value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw invalid(name, "must be an ISO-8601 date-time but was " + describe(value));
		}
		String text = value.stringValue();
		Instant instant = Rfc3339.commonInstant(text);
		if (instant == null) {
			try {
				instant = FOUR_DIGIT_YEAR.matcher(text).lookingAt()
						? DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from) : null;
			}
			catch (DateTimeParseException ex) {
				instant = null;
			}
		}
		if (instant == null) {
			throw invalid(name, "must be an RFC 3339 date-time with a four-digit year and an offset, like "
					+ "2026-11-20T09:15:00Z, but was '" + shortened(text) + "'");
		}
		if (instant.isBefore(FIRST_INSTANT) || instant.isAfter(LAST_INSTANT)) {
			throw invalid(name, "must lie in the years 0000 to 9999 in UTC but was '" + shortened(text) + "'");
		}
		return instant;
	}

	BigDecimal number(String name, double minimum, double maximum) {
		return checkedNumber(name, required(name), minimum, maximum);
	}

	@Nullable BigDecimal optionalNumber(String name, double minimum, double maximum) {
		JsonNode value = this.node.get(name);
		return (value == null || value.isNull()) ? null : checkedNumber(name, value, minimum, maximum);
	}

	int integer(String name, int minimum, int maximum) {
		JsonNode value = required(name);
		BigDecimal number = (value.isNumber()) ? decimal(value) : null;
		if (number == null || number.stripTrailingZeros().scale() > 0) {
			throw invalid(name, "must be an integer but was " + describe(value));
		}
		if (number.compareTo(BigDecimal.valueOf(minimum)) < 0 || number.compareTo(BigDecimal.valueOf(maximum)) > 0) {
			throw invalid(name, "must be " + minimum + " to " + maximum + " but was " + number.toPlainString());
		}
		return number.intValueExact();
	}

	/**
	 * A number without bounds, as a store keeps decimals exactly: at most 34 significant
	 * digits (more are rounded), exponents a {@code decimal128} can hold.
	 */
	BigDecimal decimal(String name) {
		JsonNode value = required(name);
		if (!value.isNumber()) {
			throw invalid(name, "must be a number but was " + describe(value));
		}
		BigDecimal number = decimal(value).round(MathContext.DECIMAL128);
		try {
			new Decimal128(number);
		}
		catch (NumberFormatException | AssertionError ex) {
			// The driver refuses an exponent beyond decimal128's with either.
			throw invalid(name, "is beyond what a stored decimal can hold: " + shortened(number.toString()));
		}
		return number;
	}

	/**
	 * A count: an integer of at least 1, within 64 bits (the schema sets no maximum; no
	 * window holds more records).
	 */
	long count(String name) {
		JsonNode value = required(name);
		BigDecimal number = (value.isNumber()) ? decimal(value) : null;
		if (number == null || number.stripTrailingZeros().scale() > 0) {
			throw invalid(name, "must be an integer but was " + describe(value));
		}
		if (number.compareTo(BigDecimal.ONE) < 0 || number.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
			throw invalid(name, "must be 1 to " + Long.MAX_VALUE + " but was " + shortened(number.toPlainString()));
		}
		return number.longValueExact();
	}

	AlertKind alertKind(String name) {
		JsonNode value = required(name);
		if (value.isString()) {
			Optional<AlertKind> kind = AlertKind.of(value.stringValue());
			if (kind.isPresent()) {
				return kind.get();
			}
		}
		throw invalid(name, "must be one of high-temperature, heat-wave, sentiment-drop but was " + describe(value));
	}

	SentimentLabel label(String name) {
		JsonNode value = required(name);
		if (value.isString()) {
			for (SentimentLabel label : SentimentLabel.values()) {
				if (label.value().equals(value.stringValue())) {
					return label;
				}
			}
		}
		throw invalid(name, "must be one of positive, neutral, negative but was " + describe(value));
	}

	private JsonNode required(String name) {
		JsonNode value = this.node.get(name);
		if (value == null) {
			throw invalid(name, "is required but missing");
		}
		return value;
	}

	private static String checkedString(String name, JsonNode value, int minLength, int maxLength) {
		if (!value.isString()) {
			throw invalid(name, "must be a string but was " + describe(value));
		}
		String text = value.stringValue();
		int length = text.codePointCount(0, text.length());
		if (length < minLength || length > maxLength) {
			throw invalid(name, (minLength > 0 ? "must have " + minLength + " to " : "must have at most ") + maxLength
					+ " characters but had " + length);
		}
		return text;
	}

	private static BigDecimal checkedNumber(String name, JsonNode value, double minimum, double maximum) {
		if (!value.isNumber()) {
			throw invalid(name, "must be a number but was " + describe(value));
		}
		BigDecimal number = decimal(value);
		if (number.compareTo(bound(minimum)) < 0
				|| (maximum != Double.POSITIVE_INFINITY && number.compareTo(bound(maximum)) > 0)) {
			String range = (maximum == Double.POSITIVE_INFINITY) ? "at least " + format(minimum)
					: format(minimum) + " to " + format(maximum);
			throw invalid(name, "must be " + range + " but was " + number.toPlainString());
		}
		return number;
	}

	/**
	 * A bound as a decimal: the contracts' bounds are whole numbers, which need no detour
	 * through {@link Double#toString} (a twentieth of the intake's CPU).
	 */
	private static BigDecimal bound(double bound) {
		return (bound == (long) bound) ? BigDecimal.valueOf((long) bound) : BigDecimal.valueOf(bound);
	}

	/**
	 * The number as the decimal it was written as. A double parsed from JSON text of up
	 * to 15 significant digits gives back exactly that text; longer ones give the
	 * shortest decimal that identifies the same double, the same one every time.
	 */
	private static BigDecimal decimal(JsonNode value) {
		if (value.isFloatingPointNumber() && !value.isBigDecimal()) {
			double number = value.doubleValue();
			if (Double.isInfinite(number) || Double.isNaN(number)) {
				throw invalid("number", "is out of range");
			}
			return (number == 0) ? BigDecimal.ZERO : BigDecimal.valueOf(number);
		}
		return value.decimalValue();
	}

	private static String shortened(String text) {
		return (text.length() > 60) ? text.substring(0, 60) + "…" : text;
	}

	private static String format(double value) {
		return (value == Math.rint(value)) ? Long.toString((long) value) : Double.toString(value);
	}

	private static String describe(JsonNode value) {
		String type = value.getNodeType().name().toLowerCase(Locale.ROOT);
		String text = value.toString();
		return type + " " + ((text.length() > 60) ? text.substring(0, 60) + "…" : text);
	}

	private static InvalidEvent invalid(String name, String problem) {
		return new InvalidEvent(name + ": " + problem);
	}

}
