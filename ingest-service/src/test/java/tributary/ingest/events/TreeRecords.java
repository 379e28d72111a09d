package tributary.ingest.events;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tributary.ingest.events.FieldChecks.Horizon;
import tributary.support.time.Rfc3339;

import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/**
 * The record values as the service wrote them until it wrote their bytes itself: each
 * checked item built into an {@link ObjectNode} and serialised by the producer's
 * {@link JacksonJsonSerializer} with the application's mapper. Kept, checks and all, as
 * the oracle the bytes written now must equal.
 */
public final class TreeRecords {

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	private final JacksonJsonSerializer<JsonNode> serializer;

	public TreeRecords(JsonMapper mapper) {
		this.serializer = new JacksonJsonSerializer<JsonNode>(mapper).noTypeInfo();
	}

	/**
	 * What the service used to publish for an item.
	 * @param type its kind
	 * @param item what the client sent
	 * @param ingestedAt the time stamped on the record
	 * @param futureTolerance how far in the future an instant may lie
	 * @param generatedId the id to give an event sent without one
	 * @return the record value's bytes, or every problem found
	 */
	public Outcome check(EventType type, JsonNode item, Instant ingestedAt, Duration futureTolerance,
			String generatedId) {
		List<Field> fields = type.fields();
		Map<String, Integer> positions = new HashMap<>();
		for (int i = 0; i < fields.size(); i++) {
			positions.put(fields.get(i).name(), i);
		}
		Horizon latest = new Horizon(ingestedAt.plus(futureTolerance), futureTolerance);
		if (!(item instanceof ObjectNode object)) {
			String not = FieldChecks.describe(item);
			return new Outcome(List.of(new FieldError("", "must be a JSON object, not " + not)), null, null, null);
		}
		List<FieldError> errors = new ArrayList<>(0);
		@Nullable JsonNode[] values = new JsonNode[fields.size()];
		for (int i = 0; i < values.length; i++) {
			Field field = fields.get(i);
			values[i] = check(field, object.get(field.name()), latest, errors);
		}
		if (!errors.isEmpty()) {
			return new Outcome(errors, null, null, null);
		}
		JsonNode givenId = values[positions.get(EventType.ID)];
		String id = (givenId != null && givenId.isString()) ? givenId.stringValue() : generatedId;
		ObjectNode value = nodes.objectNode();
		value.put(EventType.ID, id);
		for (Map.Entry<String, JsonNode> property : object.properties()) {
			String name = property.getKey();
			if (EventType.ID.equals(name) || EventType.INGESTED_AT.equals(name)) {
				continue;
			}
			Integer position = positions.get(name);
			value.set(name, (position != null) ? values[position] : property.getValue());
		}
		value.put(EventType.INGESTED_AT, ingestedAt.toString());
		JsonNode key = values[positions.get(type.keyField())];
		return new Outcome(List.of(), id, (key != null) ? key.stringValue() : null,
				this.serializer.serialize(type.contract(), value));
	}

	/**
	 * What became of an item.
	 *
	 * @param errors every problem found; empty if it was valid
	 * @param id its id, if valid
	 * @param key its record key, if valid
	 * @param value its record value, if valid
	 */
	public record Outcome(List<FieldError> errors, @Nullable String id, @Nullable String key, byte @Nullable [] value) {

		@Override
		public String toString() {
			return (this.value != null) ? new String(this.value, StandardCharsets.UTF_8) : this.errors.toString();
		}

	}

	private static @Nullable JsonNode check(Field field, @Nullable JsonNode value, Horizon latest,
			List<FieldError> errors) {
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
			errors.add(new FieldError(path, "must be a string, not " + FieldChecks.describe(value)));
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
			errors.add(new FieldError(field.name(), "must be a string, not " + FieldChecks.describe(value)));
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
		return nodes.stringNode(instant.toString());
	}

	private static @Nullable JsonNode number(Field field, JsonNode value, List<FieldError> errors) {
		if (!value.isNumber()) {
			errors.add(new FieldError(field.name(), "must be a number, not " + FieldChecks.describe(value)));
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
			errors.add(new FieldError(field.name(), "must be an integer, not " + FieldChecks.describe(value)));
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
			errors.add(new FieldError(field.name(), "must be an array of strings, not " + FieldChecks.describe(value)));
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

}
