package tributary.ingest.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tributary.ingest.events.FieldChecks.Horizon;
import tributary.support.topics.TopicsProperties;

/**
 * A kind of event the service takes, its fields, and where it goes: the topic, the field
 * whose value is the record key, and the headers its records carry.
 *
 * <p>
 * {@link #check} turns what a client sent into the record value's bytes: known fields
 * validated and normalised (texts trimmed, instants in UTC), unknown fields passed on
 * unchanged, {@code id} filled in and {@code ingestedAt} set by the service. Every
 * problem is reported at once, by field; {@link FieldChecks} checks each field by its
 * type.
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

	private final String name;

	private final String eventType;

	private final String contract;

	private final String keyField;

	private final Function<TopicsProperties, String> topic;

	private final List<Field> fields;

	private final Map<String, Integer> positions = new HashMap<>();

	private final int idPosition;

	private final int keyPosition;

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
		this.keyPosition = key;
		Integer id = this.positions.get(ID);
		if (id == null || this.fields.get(id).required()) {
			throw new IllegalArgumentException("Every event type has an optional id field");
		}
		this.idPosition = id;
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

	/**
	 * The headers of every record of this type.
	 * @return a copy, for one record
	 */
	public Header[] headers() {
		return this.headers.clone();
	}

	/**
	 * Validates an item and, if it is valid, writes its record value.
	 * @param item what the client sent
	 * @param ingestedAt the time to stamp on the record
	 * @param futureTolerance how far after {@code ingestedAt} an instant may lie
	 * @param records writes the record value, for the request
	 * @return the record or every problem found
	 */
	public Checked check(JsonNode item, Instant ingestedAt, Duration futureTolerance, RecordWriter.Session records) {
		Horizon latest = new Horizon(ingestedAt.plus(futureTolerance), futureTolerance);
		if (!(item instanceof ObjectNode object)) {
			String not = FieldChecks.describe(item);
			return new Checked.Invalid(List.of(new FieldError("", "must be a JSON object, not " + not)));
		}
		// One look-up a property: which field it is, if any.
		int[] fieldOf = new int[object.size()];
		@Nullable JsonNode[] given = new JsonNode[this.fields.size()];
		int at = 0;
		for (Map.Entry<String, JsonNode> property : object.properties()) {
			Integer position = this.positions.get(property.getKey());
			fieldOf[at++] = (position != null) ? position : -1;
			if (position != null) {
				given[position] = property.getValue();
			}
		}
		List<FieldError> errors = new ArrayList<>(0);
		@Nullable JsonNode[] values = new JsonNode[this.fields.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = FieldChecks.check(this.fields.get(i), given[i], latest, errors);
		}
		if (!errors.isEmpty()) {
			return new Checked.Invalid(errors);
		}
		JsonNode givenId = values[this.idPosition];
		String id = (givenId != null && givenId.isString()) ? givenId.stringValue() : EventIds.newId(ingestedAt);
		JsonNode key = values[this.keyPosition];
		if (key == null) {
			// The constructor made the key field required, and a missing required field
			// is an error above.
			throw new IllegalStateException("The key field " + this.keyField + " passed its check without a value");
		}
		// The record is the item with its checked values, id first and ingestedAt last,
		// written as it goes rather than built as a tree first.
		String stamp = records.stamp(ingestedAt);
		byte[] value = records.write((generator) -> {
			generator.writeStartObject();
			generator.writeStringProperty(ID, id);
			int next = 0;
			for (Map.Entry<String, JsonNode> property : object.properties()) {
				String name = property.getKey();
				int field = fieldOf[next++];
				if (ID.equals(name) || INGESTED_AT.equals(name)) {
					continue;
				}
				generator.writeName(name);
				write(generator, (field >= 0) ? values[field] : property.getValue());
			}
			generator.writeStringProperty(INGESTED_AT, stamp);
			generator.writeEndObject();
		});
		return new Checked.Valid(id, key.stringValue(), value);
	}

	private static void write(JsonGenerator generator, @Nullable JsonNode value) {
		if (value == null) {
			// A tree would hold a null node where it was given no value.
			generator.writeNull();
		}
		else if (value.isString()) {
			generator.writeString(value.stringValue());
		}
		else {
			generator.writeTree(value);
		}
	}

	@Override
	public String toString() {
		return this.name;
	}

}
