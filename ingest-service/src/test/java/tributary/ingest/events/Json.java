package tributary.ingest.events;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Builds test events from a valid one with one field changed. */
public final class Json {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private Json() {
	}

	public static ObjectNode object(String json) {
		return (ObjectNode) mapper.readTree(json);
	}

	public static JsonNode tree(String json) {
		return mapper.readTree(json);
	}

	/**
	 * An event with one field set to a raw JSON value, or removed.
	 * @param json the event
	 * @param field the field
	 * @param rawValue its new value as JSON, or {@code null} to remove it
	 * @return the changed event
	 */
	public static String with(String json, String field, @Nullable String rawValue) {
		ObjectNode object = object(json);
		if (rawValue == null) {
			object.remove(field);
		}
		else {
			object.set(field, mapper.readTree(rawValue));
		}
		return object.toString();
	}

	/** A JSON string literal. */
	public static String quoted(String text) {
		return mapper.writeValueAsString(text);
	}

	/** A JSON array of the same string literal, {@code count} times. */
	public static String repeatedStrings(String text, int count) {
		return "[" + String.join(",", java.util.Collections.nCopies(count, quoted(text))) + "]";
	}

}
