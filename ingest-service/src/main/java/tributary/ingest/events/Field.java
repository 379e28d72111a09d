package tributary.ingest.events;

import java.time.Instant;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * One field of an event as clients send it: its JSON type, whether it is required and its
 * bounds. The same declaration validates requests and describes them in the API
 * documentation, so the two cannot drift apart.
 *
 * @param name the JSON property
 * @param type what the value must be
 * @param required whether the field must be present and non-null
 * @param minLength the fewest characters (Unicode code points, as JSON Schema counts
 * them) of a text, after trimming
 * @param maxLength the most characters of a text, or of each text in a list
 * @param pattern what a text must match, if anything
 * @param minimum the smallest number allowed, if bounded
 * @param maximum the largest number allowed, if bounded
 * @param maxItems the most items of a list
 * @param description what the field means, for the API documentation
 * @param example a typical value, for the API documentation
 */
public record Field(String name, Type type, boolean required, int minLength, int maxLength, @Nullable Pattern pattern,
		@Nullable Double minimum, @Nullable Double maximum, int maxItems, String description, Object example) {

	/**
	 * The earliest instant accepted: anything earlier is a client's bug (a zeroed date).
	 */
	public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");

	/** The JSON types a field can have. */
	public enum Type {

		/** A string, trimmed. */
		TEXT,
		/** An ISO-8601 date-time with an offset, normalised to UTC. */
		INSTANT,
		/** Any JSON number. */
		NUMBER,
		/** A JSON number without a fractional part. */
		INTEGER,
		/** An array of strings, each trimmed. */
		TEXT_LIST

	}

	/**
	 * A required text.
	 * @param name the property
	 * @param minLength fewest characters after trimming
	 * @param maxLength most characters after trimming
	 * @param description its meaning
	 * @param example a typical value
	 * @return the field
	 */
	public static Field text(String name, int minLength, int maxLength, String description, String example) {
		return new Field(name, Type.TEXT, true, minLength, maxLength, null, null, null, 0, description, example);
	}

	/**
	 * A required text that must match a pattern (which includes its length).
	 * @param name the property
	 * @param regex the whole value must match it
	 * @param maxLength most characters, for the documentation
	 * @param description its meaning
	 * @param example a typical value
	 * @return the field
	 */
	public static Field matching(String name, String regex, int maxLength, String description, String example) {
		return new Field(name, Type.TEXT, true, 1, maxLength, Pattern.compile(regex), null, null, 0, description,
				example);
	}

	/**
	 * A required instant.
	 * @param name the property
	 * @param description its meaning
	 * @return the field
	 */
	public static Field instant(String name, String description) {
		return new Field(name, Type.INSTANT, true, 0, 0, null, null, null, 0, description, "2026-11-20T09:15:00Z");
	}

	/**
	 * A required number.
	 * @param name the property
	 * @param minimum smallest value
	 * @param maximum largest value
	 * @param description its meaning
	 * @param example a typical value
	 * @return the field
	 */
	public static Field number(String name, double minimum, double maximum, String description, Number example) {
		return new Field(name, Type.NUMBER, true, 0, 0, null, minimum, maximum, 0, description, example);
	}

	/**
	 * A required integer.
	 * @param name the property
	 * @param minimum smallest value
	 * @param maximum largest value
	 * @param description its meaning
	 * @param example a typical value
	 * @return the field
	 */
	public static Field integer(String name, int minimum, int maximum, String description, int example) {
		return new Field(name, Type.INTEGER, true, 0, 0, null, (double) minimum, (double) maximum, 0, description,
				example);
	}

	/**
	 * A required list of texts.
	 * @param name the property
	 * @param maxItems most items
	 * @param maxLength most characters of each item
	 * @param description its meaning
	 * @param example a typical value
	 * @return the field
	 */
	public static Field textList(String name, int maxItems, int maxLength, String description, Object example) {
		return new Field(name, Type.TEXT_LIST, true, 1, maxLength, null, null, null, maxItems, description, example);
	}

	/** This field, but optional: it may be absent or null. */
	public Field optional() {
		return new Field(this.name, this.type, false, this.minLength, this.maxLength, this.pattern, this.minimum,
				this.maximum, this.maxItems, this.description, this.example);
	}

}
