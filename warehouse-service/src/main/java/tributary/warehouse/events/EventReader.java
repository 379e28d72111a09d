package tributary.warehouse.events;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tributary.support.text.Utf8;

import org.springframework.stereotype.Component;

/**
 * Reads a record's value: parses the JSON, checks it against its topic's contract and
 * turns it into a document that keeps every field, known or not, as written.
 *
 * <p>
 * A value with a field given twice is refused rather than guessed at: "as received" would
 * be ambiguous.
 */
@Component
public class EventReader {

	private static final int MAX_DECIMAL_DIGITS = 34;

	/**
	 * MongoDB refuses documents nested deeper than 100; the raw event is one level down.
	 */
	static final int MAX_DEPTH = 99;

	private final JsonMapper json = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	/**
	 * Reads one record value.
	 * @param kind what the record's topic carries
	 * @param value the record's value
	 * @return the event and its document
	 * @throws InvalidEvent if the value is not JSON or breaks the contract
	 */
	public ReceivedEvent read(EventKind kind, byte @Nullable [] value) {
		if (value == null) {
			throw new InvalidEvent("the record has no value (a tombstone)");
		}
		int invalid = Utf8.firstInvalid(value);
		if (invalid >= 0) {
			throw new InvalidEvent("not UTF-8: invalid byte sequence at byte " + invalid);
		}
		JsonNode tree;
		try {
			tree = this.json.readTree(value);
		}
		catch (JacksonException ex) {
			throw new InvalidEvent("not JSON: " + ex.getOriginalMessage());
		}
		if (tree == null || !tree.isObject()) {
			throw new InvalidEvent("must be a JSON object but was " + ((tree == null) ? "empty" : tree.getNodeType()));
		}
		Event event = kind.read(new JsonRecord(tree));
		return new ReceivedEvent(event, document(tree, 1));
	}

	/**
	 * The text, if it is Unicode: JSON may escape half a surrogate pair
	 * ({@code "\\ud800"}), which no UTF-8 encoder, the store's included, can write.
	 */
	private static String text(String text, String what) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				throw new InvalidEvent("contains " + what + " with an unpaired surrogate (\\u" + Integer.toHexString(c)
						+ " at index " + i + "), which is not Unicode text");
			}
		}
		return text;
	}

	private static Document document(JsonNode object, int depth) {
		if (depth > MAX_DEPTH) {
			throw new InvalidEvent("nested deeper than " + MAX_DEPTH
					+ " levels of objects and arrays, more than a document in the store may have");
		}
		Document document = new Document();
		for (Map.Entry<String, JsonNode> field : object.properties()) {
			String name = text(field.getKey(), "a field name");
			if (name.indexOf('\0') >= 0) {
				throw new InvalidEvent("contains a field name with a NUL character, which no stored document may have");
			}
			document.append(name, value(field.getValue(), depth));
		}
		return document;
	}

	private static @Nullable Object value(JsonNode node, int depth) {
		return switch (node.getNodeType()) {
			case OBJECT -> document(node, depth + 1);
			case ARRAY -> {
				if (depth + 1 > MAX_DEPTH) {
					throw new InvalidEvent("nested deeper than " + MAX_DEPTH
							+ " levels of objects and arrays, more than a document in the store may have");
				}
				List<@Nullable Object> values = new ArrayList<>(node.size());
				node.forEach((item) -> values.add(value(item, depth + 1)));
				yield values;
			}
			case STRING -> text(node.stringValue(), "a string");
			case BOOLEAN -> node.booleanValue();
			case NUMBER -> number(node);
			case NULL -> null;
			default -> node.toString();
		};
	}

	private static Object number(JsonNode node) {
		if (node.isInt()) {
			return node.intValue();
		}
		if (node.isLong()) {
			return node.longValue();
		}
		if (node.isBigInteger()) {
			// Beyond 64 bits: keep every digit where a decimal128 can,
			// as JavaScript would otherwise.
			BigDecimal big = new BigDecimal(node.bigIntegerValue());
			return (big.precision() <= MAX_DECIMAL_DIGITS) ? new Decimal128(big) : big.doubleValue();
		}
		return node.doubleValue();
	}

}
