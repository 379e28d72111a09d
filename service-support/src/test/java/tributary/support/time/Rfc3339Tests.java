package tributary.support.time;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written reading of the common date-time shape gives exactly the ISO
 * formatter's instant, and leaves every other text, valid or not, to the formatter.
 */
class Rfc3339Tests {

	@Test
	void randomDateTimesInTheCommonShapeReadAsTheFormatterReadsThem() {
		Random random = new Random(7);
		String[] fractions = { "", ".5", ".123", ".123456", ".123456789", ".000000001" };
		String[] offsets = { "Z", "+00:00", "-00:00", "+05:30", "-11:45", "+18:00", "-18:00", "+14:00" };
		for (int i = 0; i < 20_000; i++) {
			long seconds = Math.floorMod(random.nextLong(), 315_537_897_599L) - 62_167_219_200L;
			String local = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
				.withZone(ZoneOffset.UTC)
				.format(Instant.ofEpochSecond(seconds));
			String text = local + fractions[random.nextInt(fractions.length)] + offsets[random.nextInt(offsets.length)];
			assertThat(Rfc3339.commonInstant(text)).as(text).isNotNull().isEqualTo(formatter(text));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-20T09:15Z", "2026-11-20t09:15:00Z", "2026-11-20T09:15:00z",
			"2026-11-20T09:15:00+0100", "2026-11-20T09:15:00+01", "2026-11-20T09:15:00.Z",
			"2026-11-20T09:15:00.1234567891Z", "2026-02-30T09:15:00Z", "2026-11-20T24:00:00Z", "2026-11-20T23:59:60Z",
			"2026-11-20T09:15:00+18:01", "2026-11-20T09:15:00+19:00", "2026-11-20T09:15:00+01:60",
			"2026-11-20T09:15:00", "2026-11-20 09:15:00Z", "20261-11-20T09:15:00Z", "+2026-11-20T09:15:00Z",
			"2026-1a-20T09:15:00Z", "2026-11-20T09:15:00Z ", "2026-11-20T09:15:00.1.2Z", "2026-11-20T09:15:00+01:00:00",
			"2026-13-01T00:00:00Z" })
	void anyOtherTextIsLeftToTheFormatter(String text) {
		assertThat(Rfc3339.commonInstant(text)).isNull();
	}

	private static @Nullable Instant formatter(String text) {
		try {
			return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
