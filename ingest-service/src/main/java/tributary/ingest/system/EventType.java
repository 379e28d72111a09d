package tributary.ingest.system;

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
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tributary.support.topics.TopicsProperties;

/**
 * A kind of event the service takes, its fields, and where it goes: the topic, the field
 * whose value is the record key, and the headers its records carry.
 *
 * <p>
 * {@link #check} turns what a client sent into the record value: known fields validated
 * and normalised (texts trimmed, instants in UTC), unknown fields passed on unchanged,
 * {@code id} filled in and {@code ingestedAt} set by the service. Every problem is
 * reported at once, by field.
 */
public final class EventType {

	/** The record header that names the kind of event. */
	public static final String EVENT_TYPE_HEADER = "event-type";

	/** The record header that carries the version of the topic's schema. */
	public static final String SCHEMA_VERSION_HEADER = "schema-version";

	/** The version of the schemas in {@code contracts/} these records follow. */
	public static final String SCHEMA_VERSION = "1";

	static final String ID = "id";

	static final String INGESTED_AT = "ingestedAt";

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	private final String name;

	private final String eventType;

	private final String contract;

	private final String keyField;

	private final Function<TopicsProperties, String> topic;

	private final List<Field> fields;

	private final Map<String, Integer> positions = new HashMap<>();

	private final Header[] headers;

	/**
	 * Declares a kind of event.
	 * @param name its name in the API documentation, e.g. {@code Post}
	 * @param eventType the {@code event-type} header of its records
	 * @param contract the schema's name in {@code contracts/}, which is also the default
	 * topic
	 * @param keyField the required text field whose value keys the records
	 * @param topic the configured topic
	 * @param fields every field, {@code id} first
	 */
	public EventType(String name, String eventType, String contract, String keyField,
			Function<TopicsProperties, String> topic, List<Field> fields) {
		this.name = name;
		this.eventType = eventType;
		this.contract = contract;
		this.keyField = keyField;
		this.topic = topic;
		this.fields = List.copyOf(fields);
		for (int i = 0; i < this.fields.size(); i++) {
			this.positions.put(this.fields.get(i).name(), i);
		}
		Integer key = this.positions.get(keyField);
		if (key == null || !this.fields.get(key).required() || this.fields.get(key).type() != Field.Type.TEXT) {
			throw new IllegalArgumentException("The key field " + keyField + " must be a required text");
		}
		if (!this.positions.containsKey(ID) || this.fields.get(this.positions.get(ID)).required()) {
			throw new IllegalArgumentException("Every event type has an optional id field");
		}
		this.headers = new Header[] { new RecordHeader(EVENT_TYPE_HEADER, eventType.getBytes(StandardCharsets.UTF_8)),
				new RecordHeader(SCHEMA_VERSION_HEADER, SCHEMA_VERSION.getBytes(StandardCharsets.UTF_8)) };
	}

	public String name() {
		return this.name;
	}

	public String eventType() {
		return this.eventType;
	}

	public String contract() {
		return this.contract;
	}

	public String keyField() {
		return this.keyField;
	}

	public List<Field> fields() {
		return this.fields;
	}

	/**
	 * The topic this kind of event is published to.
	 * @param topics the configured topics
	 * @return its name
	 */
	public String topic(TopicsProperties topics) {
		return this.topic.apply(topics);
	}

	/** The headers of every record of this type; callers must not change them. */
	Header[] headers() {
		return this.headers.clone();
	}

	/**
	 * Validates an item and, if it is valid, builds its record.
	 * @param item what the client sent
	 * @param ingestedAt the time to stamp on the record
	 * @param futureTolerance how far after {@code ingestedAt} an instant may lie
	 * @return the record or every problem found
	 */
	public Checked check(JsonNode item, Instant ingestedAt, Duration futureTolerance) {
		Horizon latest = new Horizon(ingestedAt.plus(futureTolerance), futureTolerance);
		if (!(item instanceof ObjectNode object)) {
			return new Checked.Invalid(List.of(new FieldError("", "must be a JSON object, not " + describe(item))));
		}
		List<FieldError> errors = new ArrayList<>(0);
		@Nullable JsonNode[] values = new JsonNode[this.fields.size()];
		for (int i = 0; i < values.length; i++) {
			Field field = this.fields.get(i);
			values[i] = checkField(field, object.get(field.name()), latest, errors);
		}
		if (!errors.isEmpty()) {
			return new Checked.Invalid(errors);
		}
		JsonNode givenId = values[this.positions.get(ID)];
		String id = (givenId != null && givenId.isString()) ? givenId.stringValue() : newId(ingestedAt);
		ObjectNode value = nodes.objectNode();
		value.put(ID, id);
		for (Map.Entry<String, JsonNode> property : object.properties()) {
			String name = property.getKey();
			if (ID.equals(name) || INGESTED_AT.equals(name)) {
				continue;
			}
			Integer position = this.positions.get(name);
			value.set(name, (position != null) ? values[position] : property.getValue());
		}
		value.put(INGESTED_AT, ingestedAt.toString());
		return new Checked.Valid(id, values[this.positions.get(this.keyField)].stringValue(), value);
	}

	/**
	 * Checks one field.
	 * @return the normalised value, {@code null} if absent, or a null node if given as
	 * null or blank
	 */
	private static @Nullable JsonNode checkField(Field field, @Nullable JsonNode value, Horizon latest,
			List<FieldError> errors) {
		if (value == null || value.isNull()) {
			if (field.required()) {
				errors.add(new FieldError(field.name(), "is required"));
			}
			return value;
		}
		return switch (field.type()) {
			case TEXT -> checkText(field, field.name(), value, errors);
			case INSTANT -> checkInstant(field, value, latest, errors);
			case NUMBER -> checkNumber(field, value, errors);
			case INTEGER -> checkInteger(field, value, errors);
			case TEXT_LIST -> checkTextList(field, value, errors);
		};
	}

	private static @Nullable JsonNode checkText(Field field, String path, JsonNode value, List<FieldError> errors) {
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

	private static @Nullable JsonNode checkInstant(Field field, JsonNode value, Horizon latest,
			List<FieldError> errors) {
		if (!value.isString()) {
			errors.add(new FieldError(field.name(), "must be a string, not " + describe(value)));
			return null;
		}
		Instant instant;
		try {
			instant = OffsetDateTime.parse(value.stringValue().strip()).toInstant();
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

	private static @Nullable JsonNode checkNumber(Field field, JsonNode value, List<FieldError> errors) {
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

	private static @Nullable JsonNode checkInteger(Field field, JsonNode value, List<FieldError> errors) {
		if (!value.isNumber()) {
			errors.add(new FieldError(field.name(), "must be an integer, not " + describe(value)));
			return null;
		}
		double number = value.doubleValue();
		if (!Double.isFinite(number) || number != Math.rint(number)) {
			errors.add(new FieldError(field.name(), "must be an integer, not " + value));
			return null;
		}
		// 4.0 is the integer 4 in JSON Schema; it is written as 4 for readers that are
		// stricter.
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

	private static @Nullable JsonNode checkTextList(Field field, JsonNode value, List<FieldError> errors) {
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
			JsonNode text = checkText(field, field.name() + "[" + i + "]", value.get(i), errors);
			if (text != null) {
				texts.add(text);
			}
		}
		return (errors.size() == before) ? texts : null;
	}

	/**
	 * A time-ordered (version 7, RFC 9562) UUID: the ingest instant's milliseconds, then
	 * 74 random bits. Ids that grow with time are inserted at the right-hand edge of a
	 * store's {@code _id} index (MongoDB's and the embedded store's B-trees alike)
	 * instead of at a random leaf each, so a write touches a few hot pages rather than
	 * one more page per event: at 5,000 events/s the embedded store spent 93 µs of CPU
	 * per record with these against 164 µs with random (version 4) ids (bench/README.md).
	 * Ids must be unique, not unguessable: UUID.randomUUID() reads /dev/urandom under a
	 * lock for every id and was the hottest method in the ingest benchmark's profile.
	 * With 74 bits from ThreadLocalRandom per millisecond, two ids collide with odds of
	 * about 10^-8 over a year of 100 ids every millisecond.
	 * @param ingestedAt when the event was accepted
	 * @return the id, in the canonical 36-character form
	 */
	static String newId(Instant ingestedAt) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long high = (ingestedAt.toEpochMilli() << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
		long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(high, low).toString();
	}

	private static String plain(double number) {
		return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
	}

	private static String describe(JsonNode value) {
		return switch (value.getNodeType()) {
			case ARRAY -> "an array";
			case OBJECT -> "an object";
			case BOOLEAN -> "a boolean";
			case NUMBER -> "a number";
			case STRING -> "a string";
			case NULL -> "null";
			default -> value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
		};
	}

	/** The latest instant accepted, and how it was derived, for the message. */
	private record Horizon(Instant instant, Duration tolerance) {

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

	@Override
	public String toString() {
		return this.name;
	}

	/** The outcome of checking an item. */
	public sealed interface Checked {

		/**
		 * A valid item, ready to publish.
		 *
		 * @param id the event's id, given or generated
		 * @param key the record key
		 * @param value the record value
		 */
		record Valid(String id, String key, ObjectNode value) implements Checked {
		}

		/**
		 * An item that must not be published.
		 *
		 * @param errors every problem found, by field
		 */
		record Invalid(List<FieldError> errors) implements Checked {

			public Invalid {
				errors = List.copyOf(errors);
			}

		}

	}

	/**
	 * What is wrong with one field.
	 *
	 * @param field the field, {@code hashtags[2]} for an item of a list, empty for the
	 * item as a whole
	 * @param message what is wrong, to be read after the field's name
	 */
	public record FieldError(String field, String message) {
	}

}
