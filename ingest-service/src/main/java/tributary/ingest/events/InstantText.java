package tributary.ingest.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#toString()} by hand for the years 1000 to 9999, which hold every instant
 * an event may carry; anything else is left to it. Its formatter was a tenth of the
 * samples of checking and writing a record.
 */
final class InstantText {

	private static final long FIRST = Instant.parse("1000-01-01T00:00:00Z").getEpochSecond();

	private static final long AFTER_LAST = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();

	private static final int SECONDS_A_DAY = 86_400;

	private InstantText() {
	}

	/**
	 * The instant as {@link Instant#toString()} writes it: {@code yyyy-MM-ddTHH:mm:ss},
	 * then the fraction of a second in groups of three digits, as many as it needs, then
	 * {@code Z}.
	 * @param instant the instant
	 * @return its text
	 */
	static String of(Instant instant) {
		long seconds = instant.getEpochSecond();
		if (seconds < FIRST || seconds >= AFTER_LAST) {
			return instant.toString();
		}
		LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_A_DAY));
		int time = (int) Math.floorMod(seconds, SECONDS_A_DAY);
		byte[] text = new byte[30];
		digits(text, 0, date.getYear(), 4);
		text[4] = '-';
		digits(text, 5, date.getMonthValue(), 2);
		text[7] = '-';
		digits(text, 8, date.getDayOfMonth(), 2);
		text[10] = 'T';
		digits(text, 11, time / 3600, 2);
		text[13] = ':';
		digits(text, 14, (time / 60) % 60, 2);
		text[16] = ':';
		digits(text, 17, time % 60, 2);
		int length = 19;
		int nanos = instant.getNano();
		if (nanos != 0) {
			text[length++] = '.';
			if (nanos % 1_000_000 == 0) {
				length = digits(text, length, nanos / 1_000_000, 3);
			}
			else if (nanos % 1000 == 0) {
				length = digits(text, length, nanos / 1000, 6);
			}
			else {
				length = digits(text, length, nanos, 9);
			}
		}
		text[length++] = 'Z';
		return new String(text, 0, length, StandardCharsets.US_ASCII);
	}

	private static int digits(byte[] text, int at, int value, int count) {
		int rest = value;
		for (int i = at + count - 1; i >= at; i--) {
			text[i] = (byte) ('0' + rest % 10);
			rest /= 10;
		}
		return at + count;
	}

}
