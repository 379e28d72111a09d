package tributary.ingest.events;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * Reads the instants clients send, such as {@code 2026-11-20T09:15:00.250+01:00}, without
 * {@code DateTimeFormatter}.
 *
 * <p>
 * {@link OffsetDateTime#parse} builds and copies hash maps of fields for every value; the
 * profile of bulk ingest had it among the top frames. The common form
 * ({@code yyyy-MM-ddTHH:mm:ss}, an optional fraction of 1 to 9 digits, {@code Z} or
 * {@code ±HH:mm}) is read here by hand; anything else, valid or not, goes to
 * {@code OffsetDateTime.parse}, so what is accepted, the instant it stands for and the
 * error for what is not are exactly those of the formatter (the tests compare both).
 */
final class Rfc3339 {

	private static final int SECONDS_PER_DAY = 86_400;

	private Rfc3339() {
	}

	/**
	 * Parses an ISO-8601 date-time with an offset.
	 * @param text the value, already stripped
	 * @return the instant it stands for
	 * @throws java.time.format.DateTimeParseException as {@code OffsetDateTime.parse}
	 * would
	 */
	static Instant parse(String text) {
		Instant fast = fast(text);
		return (fast != null) ? fast : OffsetDateTime.parse(text).toInstant();
	}

	/**
	 * The common form only.
	 * @param s the value
	 * @return its instant, or {@code null} if it is not in the common form or not a valid
	 * date-time (left to the formatter to accept or explain)
	 */
	static @Nullable Instant fast(String s) {
		int length = s.length();
		if (length < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
				|| s.charAt(16) != ':') {
			return null;
		}
		int year = digits(s, 0, 4);
		int month = digits(s, 5, 2);
		int day = digits(s, 8, 2);
		int hour = digits(s, 11, 2);
		int minute = digits(s, 14, 2);
		int second = digits(s, 17, 2);
		if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
			return null;
		}
		int at = 19;
		int nanos = 0;
		if (s.charAt(at) == '.') {
			int start = ++at;
			while (at < length && isDigit(s.charAt(at))) {
				nanos = nanos * 10 + (s.charAt(at) - '0');
				at++;
			}
			int count = at - start;
			if (count < 1 || count > 9) {
				return null;
			}
			for (int i = count; i < 9; i++) {
				nanos *= 10;
			}
		}
		int offsetSeconds;
		if (at == length - 1 && s.charAt(at) == 'Z') {
			offsetSeconds = 0;
		}
		else if (at == length - 6 && (s.charAt(at) == '+' || s.charAt(at) == '-') && s.charAt(at + 3) == ':') {
			int offsetHours = digits(s, at + 1, 2);
			int offsetMinutes = digits(s, at + 4, 2);
			if ((offsetHours | offsetMinutes) < 0 || offsetMinutes > 59 || offsetHours > 18
					|| (offsetHours == 18 && offsetMinutes > 0)) {
				return null;
			}
			int sign = (s.charAt(at) == '-') ? -1 : 1;
			offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60);
		}
		else {
			return null;
		}
		long epochDay;
		try {
			epochDay = LocalDate.of(year, month, day).toEpochDay();
		}
		catch (DateTimeException ex) {
			return null;
		}
		long epochSecond = epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second - offsetSeconds;
		return Instant.ofEpochSecond(epochSecond, nanos);
	}

	private static int digits(String s, int from, int count) {
		int value = 0;
		for (int i = from; i < from + count; i++) {
			char c = s.charAt(i);
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
