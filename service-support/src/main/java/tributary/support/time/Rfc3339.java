package tributary.support.time;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;

/**
 * RFC 3339 date-times as producers write them, read and written without
 * {@link java.time.format.DateTimeFormatter}: every event carries one to three instants,
 * and through the formatter they took a sixth to a quarter of a service's CPU time per
 * record in the profiles of ingest, sentiment-service and the warehouse. Only the common
 * shape is read here; each service leaves every other text to the formatter, so what it
 * accepts, and the message when it refuses, stay the JDK's. What is written is exactly
 * {@link Instant#toString()}'s text.
 */
public final class Rfc3339 {

	/** The days of the years 0000 to 9999, whose instants are written by hand. */
	private static final long FIRST_DAY = LocalDate.of(0, 1, 1).toEpochDay();

	private static final long LAST_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

	private static final int SECONDS_A_DAY = 86_400;

	private Rfc3339() {
	}

	/**
	 * The instant as {@link Instant#toString()} writes it,
	 * {@code uuuu-MM-ddTHH:mm:ss[.fraction]Z} with the fraction in groups of three
	 * digits, as many as it needs: by hand for the years 0000 to 9999, which hold every
	 * instant an event may carry, and by {@code toString()} itself for the signed years
	 * beyond.
	 * @param instant the instant
	 * @return its text, e.g. {@code 2026-11-20T09:15:01.250Z}
	 */
	public static String format(Instant instant) {
		long seconds = instant.getEpochSecond();
		long day = Math.floorDiv(seconds, SECONDS_A_DAY);
		if (day < FIRST_DAY || day > LAST_DAY) {
			return instant.toString();
		}
		LocalDate date = LocalDate.ofEpochDay(day);
		int time = (int) Math.floorMod(seconds, SECONDS_A_DAY);
		byte[] text = new byte[30];
		write(text, 0, date.getYear(), 4);
		text[4] = '-';
		write(text, 5, date.getMonthValue(), 2);
		text[7] = '-';
		write(text, 8, date.getDayOfMonth(), 2);
		text[10] = 'T';
		write(text, 11, time / 3600, 2);
		text[13] = ':';
		write(text, 14, time / 60 % 60, 2);
		text[16] = ':';
		write(text, 17, time % 60, 2);
		int length = 19;
		int nanos = instant.getNano();
		if (nanos != 0) {
			text[length++] = '.';
			if (nanos % 1_000_000 == 0) {
				length = write(text, length, nanos / 1_000_000, 3);
			}
			else if (nanos % 1000 == 0) {
				length = write(text, length, nanos / 1000, 6);
			}
			else {
				length = write(text, length, nanos, 9);
			}
		}
		text[length++] = 'Z';
		// Latin-1 is copied as it is into a compact string; the text is ASCII.
		return new String(text, 0, length, StandardCharsets.ISO_8859_1);
	}

	/**
	 * The instant of a date-time in the shape nearly every producer writes,
	 * {@code uuuu-MM-ddTHH:mm:ss[.fraction](Z|+HH:MM|-HH:MM)}, read by hand; or
	 * {@code null} for any other text, valid or not, which the ISO formatter then reads
	 * (and explains). Read the formatter's way
	 * ({@link java.time.format.DateTimeFormatter#ISO_OFFSET_DATE_TIME}), the same text
	 * gives the same instant, at a tenth of the cost.
	 * @param text the text
	 * @return its instant, or {@code null} to ask the formatter
	 */
	public static @Nullable Instant commonInstant(String text) {
		int length = text.length();
		if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
				|| text.charAt(13) != ':' || text.charAt(16) != ':') {
			return null;
		}
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 2);
		int day = digits(text, 8, 2);
		int hour = digits(text, 11, 2);
		int minute = digits(text, 14, 2);
		int second = digits(text, 17, 2);
		if ((year | month | day | hour | minute | second) < 0) {
			return null;
		}
		int at = 19;
		int nanos = 0;
		if (text.charAt(at) == '.') {
			int start = ++at;
			while (at < length && at - start < 9 && isDigit(text.charAt(at))) {
				nanos = nanos * 10 + (text.charAt(at++) - '0');
			}
			if (at == start || (at < length && isDigit(text.charAt(at)))) {
				return null;
			}
			for (int place = at - start; place < 9; place++) {
				nanos *= 10;
			}
		}
		int offsetSeconds;
		if (at == length - 1 && text.charAt(at) == 'Z') {
			offsetSeconds = 0;
		}
		else if (at == length - 6 && (text.charAt(at) == '+' || text.charAt(at) == '-') && text.charAt(at + 3) == ':') {
			int offsetHours = digits(text, at + 1, 2);
			int offsetMinutes = digits(text, at + 4, 2);
			if ((offsetHours | offsetMinutes) < 0 || offsetHours > 18 || offsetMinutes > 59
					|| (offsetHours == 18 && offsetMinutes > 0)) {
				return null;
			}
			offsetSeconds = ((text.charAt(at) == '-') ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
		}
		else {
			return null;
		}
		try {
			return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
				.toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
		}
		catch (DateTimeException ex) {
			// Not a date or time (February 30th, 24:00, a leap second): the formatter
			// says what is wrong.
			return null;
		}
	}

	/**
	 * Writes {@code value} as {@code count} decimal digits at {@code at}; returns the
	 * end.
	 */
	private static int write(byte[] text, int at, int value, int count) {
		int rest = value;
		for (int i = at + count - 1; i >= at; i--) {
			text[i] = (byte) ('0' + rest % 10);
			rest /= 10;
		}
		return at + count;
	}

	/** The decimal number of {@code count} ASCII digits at {@code from}, or -1. */
	private static int digits(String text, int from, int count) {
		int value = 0;
		for (int i = from; i < from + count; i++) {
			char c = text.charAt(i);
			if (!isDigit(c)) {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

}
