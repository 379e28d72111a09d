package tributary.warehouse.insights;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An hour's id is exactly what the pattern {@code uuuu-MM-dd'T'HH} gives, and what the
 * warehouse wrote before it took the instant's text from {@code Rfc3339}: ids are the
 * {@code _id}s of stored documents.
 */
class HourTests {

	private static final DateTimeFormatter PATTERN = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH")
		.withZone(ZoneOffset.UTC);

	@Test
	void idsOfRandomHoursOfTheYears0000To9999AreThePatterns() {
		Random random = new Random(11);
		for (int i = 0; i < 20_000; i++) {
			long seconds = Math.floorMod(random.nextLong(), 315_537_897_599L) - 62_167_219_200L;
			Hour hour = Hour.of(Instant.ofEpochSecond(seconds));
			assertThat(hour.id()).isEqualTo(PATTERN.format(hour.start()));
		}
	}

	@Test
	void theFirstAndLastHoursAndHoursOutsideThoseYearsAreThePatterns() {
		for (String instant : new String[] { "0000-01-01T00:00:00Z", "9999-12-31T23:00:00Z", "1970-01-01T00:00:00Z",
				"1969-12-31T23:00:00Z", "2024-02-29T13:00:00Z" }) {
			Hour hour = new Hour(Instant.parse(instant));
			assertThat(hour.id()).isEqualTo(PATTERN.format(hour.start()));
		}
		Hour before = new Hour(Instant.parse("0000-01-01T00:00:00Z").minus(1, ChronoUnit.HOURS));
		assertThat(before.id()).isEqualTo(PATTERN.format(before.start()));
		Hour after = new Hour(Instant.parse("9999-12-31T23:00:00Z").plus(1, ChronoUnit.HOURS));
		assertThat(after.id()).isEqualTo(PATTERN.format(after.start()));
	}

	@Test
	void idsAreThoseWrittenBeforeForEveryHourOf1950To2150AndRandomHours() {
		long first = Instant.parse("1950-01-01T00:00:00Z").getEpochSecond();
		long last = Instant.parse("2150-01-01T00:00:00Z").getEpochSecond();
		for (long seconds = first; seconds < last; seconds += 3600) {
			Hour hour = new Hour(Instant.ofEpochSecond(seconds));
			String before = formerId(hour);
			if (!hour.id().equals(before)) {
				assertThat(hour.id()).isEqualTo(before);
			}
		}
		Random random = new Random(19);
		long min = Instant.parse("-0100-01-01T00:00:00Z").getEpochSecond();
		long max = Instant.parse("+10100-01-01T00:00:00Z").getEpochSecond();
		for (int i = 0; i < 200_000; i++) {
			Hour hour = Hour.of(Instant.ofEpochSecond(min + Math.floorMod(random.nextLong(), max - min)));
			assertThat(hour.id()).isEqualTo(formerId(hour));
		}
	}

	/** {@code Hour.id()} as the warehouse wrote it until the ids came from Rfc3339. */
	private static String formerId(Hour hour) {
		long seconds = hour.start().getEpochSecond();
		LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
		if (date.getYear() < 0 || date.getYear() > 9999) {
			return PATTERN.format(hour.start());
		}
		int hourOfDay = (int) (Math.floorMod(seconds, 86_400L) / 3600);
		char[] id = new char[13];
		fill(id, 0, 4, date.getYear());
		id[4] = '-';
		fill(id, 5, 2, date.getMonthValue());
		id[7] = '-';
		fill(id, 8, 2, date.getDayOfMonth());
		id[10] = 'T';
		fill(id, 11, 2, hourOfDay);
		return new String(id);
	}

	private static void fill(char[] into, int from, int width, int value) {
		int rest = value;
		for (int i = from + width - 1; i >= from; i--) {
			into[i] = (char) ('0' + rest % 10);
			rest /= 10;
		}
	}

}
