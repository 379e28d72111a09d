package tributary.sentiment.stream;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tributary.support.time.Rfc3339;

/**
 * ISO-8601 instants in UTC ({@code 2026-11-20T09:15:01.250Z}), read and written without
 * {@link DateTimeFormatter}.
 *
 * <p>
 * Every post carries two instants and every scored record three; through
 * {@code DateTimeFormatter} they took about a quarter of the stream's CPU time in the
 * benchmark's profile. The common shape is read by {@link Rfc3339}, anything else by
 * {@link DateTimeFormatter#ISO_INSTANT}, and instants are written by
 * {@link Rfc3339#format}, so what is accepted and written is exactly what the JDK accepts
 * and writes.
 */
final class IsoInstants {

	/** The instants a four-digit year names in UTC: what every consumer can write. */
	static final Instant FIRST = Instant.parse("0000-01-01T00:00:00Z");

	static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");

	private IsoInstants() {
	}

	/**
	 * Reads an instant.
	 * @param text e.g. {@code 2026-11-20T09:15:01.250Z}
	 * @return the instant
	 * @throws DateTimeParseException if it is not an ISO-8601 instant
	 */
	static Instant parse(String text) {
		Instant instant = Rfc3339.commonInstant(text);
		if (instant == null) {
			// RFC 3339 (the schemas' date-time) has four-digit years; the JDK would also
			// take a sign and up to nine digits, which no consumer could store.
			if (text.length() < 5 || text.charAt(4) != '-' || number(text, 0, 4) < 0) {
				throw new DateTimeParseException("not an RFC 3339 date-time with a four-digit year", text, 0);
			}
			instant = DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from);
		}
		// An offset can move a four-digit year's date-time out of those years in UTC.
		if (instant.isBefore(FIRST) || instant.isAfter(LAST)) {
			throw new DateTimeParseException("outside the years 0000 to 9999 in UTC", text, 0);
		}
		return instant;
	}

	/** The decimal number in {@code text[offset, offset + width)}, or -1. */
	private static int number(String text, int offset, int width) {
		int value = 0;
		for (int i = offset; i < offset + width; i++) {
			int digit = text.charAt(i) - '0';
			if (digit < 0 || digit > 9) {
				return -1;
			}
			value = value * 10 + digit;
		}
		return value;
	}

	/** Reads instants of incoming posts with {@link IsoInstants#parse}. */
	static final class Reader extends ValueDeserializer<Instant> {

		@Override
		public Instant deserialize(JsonParser parser, DeserializationContext context) {
			if (parser.currentToken() != JsonToken.VALUE_STRING) {
				return (Instant) context.handleUnexpectedToken(Instant.class, parser);
			}
			String text = parser.getString();
			try {
				return parse(text);
			}
			catch (DateTimeParseException ex) {
				return (Instant) context.handleWeirdStringValue(Instant.class,
						(text.length() > 60) ? text.substring(0, 60) + "…" : text,
						"not an RFC 3339 instant such as 2026-11-20T09:15:00Z with a four-digit year in 0000 to 9999 UTC");
			}
		}

	}

	/** Writes instants of scored posts with {@link Rfc3339#format}. */
	static final class Writer extends ValueSerializer<Instant> {

		@Override
		public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
			generator.writeString(Rfc3339.format(value));
		}

	}

}
