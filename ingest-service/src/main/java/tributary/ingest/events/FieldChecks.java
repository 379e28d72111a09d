package tributary.ingest.events;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tributary.support.time.Rfc3339;

/**
 * Checks and normalises one field's value by its {@link Field.Type}, adding what is wrong
 * to a list of errors rather than stopping at the first.
 */
final class FieldChecks {

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	private FieldChecks() {
	}

	/**
	 * Checks one field.
	 * @param field its declaration
	 * @param value what the client sent, {@code null} if absent
	 * @param latest the latest instant accepted
	 * @param errors where to add what is wrong
	 * @return the normalised value, {@code null} if absent or invalid, or a null node if
	 * given as null or blank
	 */
	static @Nullable JsonNode check(Field field, @Nullable JsonNode value, Horizon latest, List<FieldError> errors) {
		if (value == null || value.isNull()) {
			if (field.required()) {
				errors.add(new FieldError(field.name(), "is required"));
			}
			return value;
		}
		return switch (field.type()) {
			case TEXT -> text(field, field.name(), value, errors);
			case INSTANT -> instant(field, value, latest, errors);
			case NUMBER -> number(field, value, errors);
			case INTEGER -> integer(field, value, errors);
			case TEXT_LIST -> textList(field, value, errors);
		};
	}

	private static @Nullable JsonNode text(Field field, String path, JsonNode value, List<FieldError> errors) {
		if (!value.isString()) {
			errors.add(new FieldError(path, "must be a string, not " + describe(value)));
			return null;
		}
		String text = value.stringValue().strip();
		if (text.isEmpty()) {
			if (field.required() || field.type() == Field.Type.TEXT_LIST) {
				errors.add(new FieldError(path, "must not be blank"));
				return null;
			}
			// An optional text left blank says as much as one left out.
			return nodes.nullNode();
		}
		int length = text.codePointCount(0, text.length());
		if (length > field.maxLength()) {
			errors.add(new FieldError(path,
					"must be at most " + field.maxLength() + " characters long but has " + length));
			return null;
		}
		if (length < field.minLength()) {
			errors.add(new FieldError(path,
					"must be at least " + field.minLength() + " characters long but has " + length));
			return null;
		}
		if (field.pattern() != null && !field.pattern().matcher(text).matches()) {
			errors.add(new FieldError(path, "must match " + field.pattern().pattern()));
			return null;
		}
		return (text.length() == value.stringValue().length()) ? value : nodes.stringNode(text);
	}

	private static @Nullable JsonNode instant(Field field, JsonNode value, Horizon latest, List<FieldError> errors) {
		if (!value.isString()) {
			errors.add(new FieldError(field.name(), "must be a string, not " + describe(value)));
			return null;
		}
		Instant instant;
		try {
			String text = value.stringValue().strip();
			// The common shape without the formatter (a top frame of bulk ingest's
			// profile); anything else, valid or not, as the formatter reads or refuses
			// it.
			Instant common = Rfc3339.commonInstant(text);
			instant = (common != null) ? common : OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			errors.add(new FieldError(field.name(),
					"must be an ISO-8601 date-time with an offset, such as 2026-11-20T09:15:00Z"));
			return null;
		}
		if (instant.isAfter(latest.instant())) {
			errors.add(new FieldError(field.name(), "must not be more than " + latest.describeTolerance()
					+ " in the future (latest accepted: " + latest.instant().truncatedTo(ChronoUnit.SECONDS) + ")"));
			return null;
		}
		if (instant.isBefore(Field.EARLIEST)) {
			errors.add(new FieldError(field.name(), "must not be before " + Field.EARLIEST));
			return null;
		}
		return nodes.stringNode(Rfc3339.format(instant));
	}

	private static @Nullable JsonNode number(Field field, JsonNode value, List<FieldError> errors) {
		if (!value.isNumber()) {
			errors.add(new FieldError(field.name(), "must be a number, not " + describe(value)));
			return null;
		}
		double number = value.doubleValue();
		if (!Double.isFinite(number)) {
			errors.add(new FieldError(field.name(), "must be a finite number"));
			return null;
		}
		return inRange(field, number, errors) ? value : null;
	}

	private static @Nullable JsonNode integer(Field field, JsonNode value, List<FieldError> errors) {
		if (!value.isNumber()) {
			errors.add(new FieldError(field.name(), "must be an integer, not " + describe(value)));
			return null;
		}
		double number = value.doubleValue();
		if (!Double.isFinite(number) || number != Math.rint(number)) {
			errors.add(new FieldError(field.name(), "must be an integer, not " + value));
			return null;
		}
		// JSON Schema takes 4.0 as the integer 4; it is
		// written as 4 for stricter readers.
		return inRange(field, number, errors) ? nodes.numberNode((long) number) : null;
	}

	private static boolean inRange(Field field, double number, List<FieldError> errors) {
		if (field.minimum() != null && number < field.minimum()) {
			errors.add(new FieldError(field.name(), "must be at least " + plain(field.minimum())));
			return false;
		}
		if (field.maximum() != null && number > field.maximum()) {
			errors.add(new FieldError(field.name(), "must be at most " + plain(field.maximum())));
			return false;
		}
		return true;
	}

	private static @Nullable JsonNode textList(Field field, JsonNode value, List<FieldError> errors) {
		if (!value.isArray()) {
			errors.add(new FieldError(field.name(), "must be an array of strings, not " + describe(value)));
			return null;
		}
		if (value.size() > field.maxItems()) {
			errors.add(new FieldError(field.name(),
					"must have at most " + field.maxItems() + " items but has " + value.size()));
			return null;
		}
		ArrayNode texts = nodes.arrayNode(value.size());
		int before = errors.size();
		for (int i = 0; i < value.size(); i++) {
			JsonNode text = text(field, field.name() + "[" + i + "]", value.get(i), errors);
			if (text != null) {
				texts.add(text);
			}
		}
		return (errors.size() == before) ? texts : null;
	}

	private static String plain(double number) {
		return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
	}

	static String describe(JsonNode value) {
		return switch (value.getNodeType()) {
			case ARRAY -> "an array";
			case OBJECT -> "an object";
			case BOOLEAN -> "a boolean";
			case NUMBER -> "a number";
			case STRING -> "a string";
			case NULL -> "null";
			default -> value.getNodeType().name().toLowerCase(Locale.ROOT);
		};
	}

	/**
	 * The latest instant accepted, and the tolerance it was derived from, for the
	 * message.
	 *
	 * @param instant the latest instant
	 * @param tolerance how far after the ingest instant it lies
	 */
	record Horizon(Instant instant, Duration tolerance) {

		String describeTolerance() {
			if (this.tolerance.toSeconds() % 3600 == 0) {
				return this.tolerance.toHours() + " hours";
			}
			if (this.tolerance.toSeconds() % 60 == 0) {
				return this.tolerance.toMinutes() + " minutes";
			}
			return this.tolerance.toSeconds() + " seconds";
		}

	}

}
