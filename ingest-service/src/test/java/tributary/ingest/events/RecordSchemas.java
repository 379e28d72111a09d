package tributary.ingest.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders an {@link EventType}'s fields as the JSON Schema of the records it publishes,
 * and lists where that differs from the schema in {@code contracts/}: the two must say
 * the same, keyword for keyword, so that a bound changed in one place fails the build
 * until it is changed in the other.
 *
 * <p>
 * The rendering follows what {@link EventType#check} writes: {@code id} is always present
 * (given or generated), {@code ingestedAt} is added, an optional field may be
 * {@code null}. Two limits of ingest are its own policy and not part of the contract,
 * which also describes records other clients write straight to the topic: an optional
 * text (or an item of a list) that is blank is turned into {@code null} or refused, so
 * its minimum length of 1 is not rendered; and instants before {@link Field#EARLIEST} or
 * too far in the future are refused, while the contract takes any RFC 3339 date-time.
 */
public final class RecordSchemas {

	/** Keywords that describe the schema rather than constrain records. */
	private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "title", "description");

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private RecordSchemas() {
	}

	/**
	 * The schema of a type's records, without annotations.
	 * @param type the event type
	 * @return the schema
	 */
	public static ObjectNode render(EventType type) {
		return render(type.fields());
	}

	/**
	 * The schema of records with these fields, without annotations.
	 * @param fields the fields of an event type
	 * @return the schema
	 */
	public static ObjectNode render(List<Field> fields) {
		ObjectNode schema = nodes.objectNode();
		schema.put("type", "object");
		List<String> required = new ArrayList<>();
		ObjectNode properties = nodes.objectNode();
		for (Field field : fields) {
			// The record always has an id: the client's or a generated one.
			boolean present = field.required() || field.name().equals(EventType.ID);
			properties.set(field.name(), property(field, present));
			if (present) {
				required.add(field.name());
			}
		}
		properties.set(EventType.INGESTED_AT, nodes.objectNode().put("type", "string").put("format", "date-time"));
		required.add(EventType.INGESTED_AT);
		schema.set("required", sorted(required));
		schema.set("properties", properties);
		schema.put("additionalProperties", true);
		return schema;
	}

	private static ObjectNode property(Field field, boolean present) {
		ObjectNode property = nodes.objectNode();
		switch (field.type()) {
			case TEXT -> {
				property.set("type", type("string", present));
				text(property, field, present);
			}
			case INSTANT -> property.set("type", type("string", present)).put("format", "date-time");
			case NUMBER -> bounded(property.set("type", type("number", present)), field);
			case INTEGER -> bounded(property.set("type", type("integer", present)), field);
			case TEXT_LIST -> {
				property.set("type", type("array", present));
				property.put("maxItems", field.maxItems());
				ObjectNode items = nodes.objectNode().put("type", "string");
				text(items, field, false);
				property.set("items", items);
			}
		}
		return property;
	}

	private static void text(ObjectNode property, Field field, boolean present) {
		if (present || field.minLength() > 1) {
			property.put("minLength", field.minLength());
		}
		property.put("maxLength", field.maxLength());
		if (field.pattern() != null) {
			property.put("pattern", field.pattern().pattern());
		}
	}

	private static ObjectNode bounded(ObjectNode property, Field field) {
		if (field.minimum() != null) {
			property.set("minimum", number(field.minimum()));
		}
		if (field.maximum() != null) {
			property.set("maximum", number(field.maximum()));
		}
		return property;
	}

	private static JsonNode number(double value) {
		boolean integral = value == Math.rint(value) && Math.abs(value) < Integer.MAX_VALUE;
		return integral ? nodes.numberNode((int) value) : nodes.numberNode(value);
	}

	private static JsonNode type(String type, boolean present) {
		return present ? nodes.stringNode(type) : nodes.arrayNode().add(type).add("null");
	}

	/**
	 * A contract's schema as the service ships it, without annotations.
	 * @param contract e.g. {@code social_media}
	 * @return the schema's constraints
	 */
	public static ObjectNode contract(String contract) {
		try (InputStream in = RecordSchemas.class.getResourceAsStream("/contracts/" + contract + ".schema.json")) {
			if (in == null) {
				throw new IllegalStateException("No schema for " + contract + " on the class path");
			}
			return constraints((ObjectNode) mapper.readTree(in));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A schema without its annotations, the order of {@code required} left aside.
	 * @param schema a schema
	 * @return a copy to compare
	 */
	public static ObjectNode constraints(ObjectNode schema) {
		ObjectNode copy = schema.deepCopy();
		ANNOTATIONS.forEach(copy::remove);
		if (copy.get("required") instanceof ArrayNode required) {
			List<String> names = new ArrayList<>();
			required.forEach((name) -> names.add(name.asString()));
			copy.set("required", sorted(names));
		}
		return copy;
	}

	/**
	 * Where two schemas differ, keyword by keyword and property by property.
	 * @param rendered the schema rendered from the fields
	 * @param contract the schema in {@code contracts/}
	 * @return one line per difference; empty if they are equal
	 */
	public static List<String> differences(ObjectNode rendered, ObjectNode contract) {
		List<String> differences = new ArrayList<>();
		Set<String> keywords = new TreeSet<>(rendered.propertyNames());
		keywords.addAll(contract.propertyNames());
		for (String keyword : keywords) {
			if (keyword.equals("properties")) {
				continue;
			}
			compare(keyword, rendered.get(keyword), contract.get(keyword), differences);
		}
		JsonNode renderedProperties = rendered.path("properties");
		JsonNode contractProperties = contract.path("properties");
		Set<String> names = new TreeSet<>(renderedProperties.propertyNames());
		names.addAll(contractProperties.propertyNames());
		for (String name : names) {
			compare("properties." + name, renderedProperties.get(name), contractProperties.get(name), differences);
		}
		if (!rendered.equals(contract) && differences.isEmpty()) {
			differences.add("the schemas differ: " + rendered + " vs " + contract);
		}
		return differences;
	}

	private static void compare(String where, JsonNode rendered, JsonNode contract, List<String> differences) {
		if (rendered == null || contract == null || !rendered.equals(contract)) {
			differences.add(where + ": the fields say " + rendered + ", the contract " + contract);
		}
	}

	/**
	 * Every bound of the fields, each moved by one in a copy of the list: what a change
	 * in one place looks like.
	 * @param fields the fields of an event type
	 * @return each changed list, named by the field and bound changed
	 */
	public static Map<String, List<Field>> withEachBoundMoved(List<Field> fields) {
		Map<String, List<Field>> moved = new LinkedHashMap<>();
		for (int i = 0; i < fields.size(); i++) {
			Field f = fields.get(i);
			List<Field> changes = new ArrayList<>();
			boolean text = f.type() == Field.Type.TEXT || f.type() == Field.Type.TEXT_LIST;
			if (text) {
				changes.add(new Field(f.name(), f.type(), f.required(), f.minLength() + 1, f.maxLength(), f.pattern(),
						f.minimum(), f.maximum(), f.maxItems(), f.description(), f.example()));
				changes.add(new Field(f.name(), f.type(), f.required(), f.minLength(), f.maxLength() + 1, f.pattern(),
						f.minimum(), f.maximum(), f.maxItems(), f.description(), f.example()));
			}
			if (f.type() == Field.Type.TEXT_LIST) {
				changes.add(new Field(f.name(), f.type(), f.required(), f.minLength(), f.maxLength(), f.pattern(),
						f.minimum(), f.maximum(), f.maxItems() + 1, f.description(), f.example()));
			}
			if (f.minimum() != null) {
				changes.add(new Field(f.name(), f.type(), f.required(), f.minLength(), f.maxLength(), f.pattern(),
						f.minimum() - 1, f.maximum(), f.maxItems(), f.description(), f.example()));
			}
			if (f.maximum() != null) {
				changes.add(new Field(f.name(), f.type(), f.required(), f.minLength(), f.maxLength(), f.pattern(),
						f.minimum(), f.maximum() + 1, f.maxItems(), f.description(), f.example()));
			}
			// The id is in every record whether clients must send it or not.
			if (!f.name().equals(EventType.ID)) {
				changes.add(new Field(f.name(), f.type(), !f.required(), f.minLength(), f.maxLength(), f.pattern(),
						f.minimum(), f.maximum(), f.maxItems(), f.description(), f.example()));
			}
			for (Field change : changes) {
				List<Field> copy = new ArrayList<>(fields);
				copy.set(i, change);
				moved.put(f.name() + ": " + describe(f) + " -> " + describe(change), copy);
			}
		}
		return moved;
	}

	private static String describe(Field f) {
		return (f.required() ? "required" : "optional") + " " + f.type() + " length " + f.minLength() + ".."
				+ f.maxLength() + ", items " + f.maxItems() + ", range " + f.minimum() + ".." + f.maximum();
	}

	private static ArrayNode sorted(List<String> names) {
		ArrayNode array = nodes.arrayNode();
		names.stream().sorted().forEach(array::add);
		return array;
	}

}
