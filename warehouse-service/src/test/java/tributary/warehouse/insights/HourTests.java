package tributary.warehouse.insights;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An hour's id, written by hand, is exactly what the pattern {@code uuuu-MM-dd'T'HH}
 * gives.
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

}
