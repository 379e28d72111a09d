package tributary.sentiment.stream;

import java.time.Instant;
import java.time.LocalDate;
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
 * benchmark's profile. The common shape is read by {@link Rfc3339} and written by hand;
 * anything else falls back to {@link DateTimeFormatter#ISO_INSTANT}, so what is accepted
 * and written is exactly what the JDK accepts and writes.
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

	/**
	 * Writes an instant as {@link Instant#toString()} does: seconds always, the fraction
	 * in groups of three digits when not zero.
	 * @param instant the instant
	 * @return e.g. {@code 2026-11-20T09:15:01.250Z}
	 */
	static String format(Instant instant) {
		long seconds = instant.getEpochSecond();
		long days = Math.floorDiv(seconds, 86_400);
		int secondOfDay = (int) Math.floorMod(seconds, 86_400);
		if (days < -719_528 || days > 2_932_896) {
			// Outside years 0000-9999 the JDK adds signs and more digits.
			return instant.toString();
		}
		LocalDate date = LocalDate.ofEpochDay(days);
		int nanos = instant.getNano();
		char[] chars = new char[30];
		digits(chars, 0, date.getYear(), 4);
		chars[4] = '-';
		digits(chars, 5, date.getMonthValue(), 2);
		chars[7] = '-';
		digits(chars, 8, date.getDayOfMonth(), 2);
		chars[10] = 'T';
		digits(chars, 11, secondOfDay / 3600, 2);
		chars[13] = ':';
		digits(chars, 14, secondOfDay / 60 % 60, 2);
		chars[16] = ':';
		digits(chars, 17, secondOfDay % 60, 2);
		int end = 19;
		if (nanos != 0) {
			chars[end++] = '.';
			if (nanos % 1_000_000 == 0) {
				digits(chars, end, nanos / 1_000_000, 3);
				end += 3;
			}
			else if (nanos % 1000 == 0) {
				digits(chars, end, nanos / 1000, 6);
				end += 6;
			}
			else {
				digits(chars, end, nanos, 9);
				end += 9;
			}
		}
		chars[end++] = 'Z';
		return new String(chars, 0, end);
	}

	private static void digits(char[] chars, int offset, int value, int width) {
		int rest = value;
		for (int i = offset + width - 1; i >= offset; i--) {
			chars[i] = (char) ('0' + rest % 10);
			rest /= 10;
		}
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

	/** Writes instants of scored posts with {@link IsoInstants#format}. */
	static final class Writer extends ValueSerializer<Instant> {

		@Override
		public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
			generator.writeString(format(value));
		}

	}

}
