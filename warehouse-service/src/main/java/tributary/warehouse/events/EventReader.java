package tributary.warehouse.events;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bson.BsonBinaryWriter;
import org.bson.BsonWriter;
import org.bson.RawBsonDocument;
import org.bson.types.Decimal128;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tributary.support.text.Utf8;
import tributary.warehouse.store.BsonBuffer;

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

	/** How the tree's builder reports a duplicate field. */
	private static final Pattern DUPLICATE = Pattern.compile("Duplicate property \"(.*)\" for ");

	/**
	 * Duplicate fields are found as the tree is built, each object's map refusing a name
	 * it has: the parser's own detection ({@code STRICT_DUPLICATE_DETECTION}) keeps a set
	 * of the names of every object besides, 3% of the bytes the intake allocates per
	 * record.
	 */
	private final JsonMapper json = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
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
			throw new InvalidEvent(reason(ex));
		}
		if (tree == null || !tree.isObject()) {
			throw new InvalidEvent("must be a JSON object but was " + ((tree == null) ? "empty" : tree.getNodeType()));
		}
		Event event = kind.read(new JsonRecord(tree));
		return new ReceivedEvent(event, document(tree, mayEscapeSurrogates(value)));
	}

	/** Why a value could not be read, in the terms of a record, not of the parser. */
	private static String reason(JacksonException ex) {
		String message = String.valueOf(ex.getOriginalMessage());
		Matcher duplicate = DUPLICATE.matcher(message);
		return duplicate.lookingAt() ? "has the field \"" + duplicate.group(1) + "\" more than once in one object"
				: "not JSON: " + message;
	}

	/**
	 * The text, if it is Unicode: JSON may escape half a surrogate pair
	 * ({@code "\\ud800"}), which no UTF-8 encoder, the store's included, can write.
	 */
	private static String text(String text, String what) {
		int i = Utf8.unpairedSurrogate(text, 0);
		if (i >= 0) {
			throw new InvalidEvent("contains " + what + " with an unpaired surrogate (\\u"
					+ Integer.toHexString(text.charAt(i)) + " at index " + i + "), which is not Unicode text");
		}
		return text;
	}

	/**
	 * The value as a BSON document, written straight from the tree: building a
	 * {@link org.bson.Document} first and having the driver encode it, looking up a codec
	 * for every value, cost about a tenth of the intake's CPU per record.
	 */
	private static RawBsonDocument document(JsonNode object, boolean checkText) {
		BsonBuffer buffer = new BsonBuffer(512);
		try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
			writeDocument(writer, object, 1, checkText);
		}
		return buffer.document();
	}

	/**
	 * Whether the value has a backslash-u escape, the only way its text can hold half a
	 * surrogate pair: the bytes are valid UTF-8, which encodes no surrogates. Without
	 * one, no string needs checking character by character.
	 */
	static boolean mayEscapeSurrogates(byte[] value) {
		for (int i = 0; i < value.length - 1; i++) {
			if (value[i] == '\\' && value[i + 1] == 'u') {
				return true;
			}
		}
		return false;
	}

	private static void writeDocument(BsonWriter writer, JsonNode object, int depth, boolean checkText) {
		if (depth > MAX_DEPTH) {
			throw new InvalidEvent("nested deeper than " + MAX_DEPTH
					+ " levels of objects and arrays, more than a document in the store may have");
		}
		writer.writeStartDocument();
		for (Map.Entry<String, JsonNode> field : object.properties()) {
			String name = checkText ? text(field.getKey(), "a field name") : field.getKey();
			if (name.indexOf('\0') >= 0) {
				throw new InvalidEvent("contains a field name with a NUL character, which no stored document may have");
			}
			writer.writeName(name);
			writeValue(writer, field.getValue(), depth, checkText);
		}
		writer.writeEndDocument();
	}

	private static void writeValue(BsonWriter writer, JsonNode node, int depth, boolean checkText) {
		switch (node.getNodeType()) {
			case OBJECT -> writeDocument(writer, node, depth + 1, checkText);
			case ARRAY -> {
				if (depth + 1 > MAX_DEPTH) {
					throw new InvalidEvent("nested deeper than " + MAX_DEPTH
							+ " levels of objects and arrays, more than a document in the store may have");
				}
				writer.writeStartArray();
				for (JsonNode item : node) {
					writeValue(writer, item, depth + 1, checkText);
				}
				writer.writeEndArray();
			}
			case STRING -> writer.writeString(checkText ? text(node.stringValue(), "a string") : node.stringValue());
			case BOOLEAN -> writer.writeBoolean(node.booleanValue());
			case NUMBER -> {
				Object number = number(node);
				if (number instanceof Integer value) {
					writer.writeInt32(value);
				}
				else if (number instanceof Long value) {
					writer.writeInt64(value);
				}
				else if (number instanceof Decimal128 value) {
					writer.writeDecimal128(value);
				}
				else {
					writer.writeDouble(((Double) number));
				}
			}
			case NULL -> writer.writeNull();
			default -> writer.writeString(node.toString());
		}
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
