package tributary.support.time;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;
import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written reading of the common date-time shape gives exactly the ISO
 * formatter's instant, and leaves every other text, valid or not, to the formatter: the
 * services that use it accept exactly what they accepted with the formatter alone. The
 * hand-written writing gives exactly {@link Instant#toString()}'s text.
 */
class Rfc3339Tests {

	private static final String[] SAMPLES = { "2025-06-01T10:00:00Z", "2026-11-20T09:15:00.250+01:00",
			"2024-02-29T23:59:59.999999999-05:30", "1900-01-01T00:00:00Z", "0000-01-01T00:00:00+18:00",
			"9999-12-31T23:59:59-18:00", "2025-06-01T10:00:00-00:00", "2025-06-01t10:00:00z", "2025-06-01T10:00Z",
			"2025-06-01T10:00:00.Z", "2025-06-01T10:00:00.1234567890Z", "2023-02-29T10:00:00Z", "2025-04-31T10:00:00Z",
			"2025-13-01T10:00:00Z", "2025-00-01T10:00:00Z", "2025-06-01T24:00:00Z", "2025-06-01T23:60:00Z",
			"2025-06-01T23:59:60Z", "2025-06-01T10:00:00+18:01", "2025-06-01T10:00:00+19:00",
			"2025-06-01T10:00:00+01:60", "2025-06-01T10:00:00+0100", "2025-06-01T10:00:00+01",
			"2025-06-01T10:00:00+01:00:30", "2025-06-01T10:00:00", "+12025-06-01T10:00:00Z", "2025-6-01T10:00:00Z",
			"2025-06-01 10:00:00Z", "２０２５-06-01T10:00:00Z", "2025-06-01T10:00:00ZZ", "2025-06-01T10:00:00.5", "" };

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

	@Test
	void randomlyAlteredValuesAreReadAsTheFormatterReadsThemOrLeftToIt() {
		Random random = new Random(15);
		String alphabet = "0123456789-:T.Z+ zt";
		for (String sample : SAMPLES) {
			assertSameAsOffsetDateTimeOrLeft(sample);
		}
		for (int i = 0; i < 200_000; i++) {
			StringBuilder text = new StringBuilder(SAMPLES[random.nextInt(7)]);
			for (int edits = 1 + random.nextInt(3); edits > 0 && !text.isEmpty(); edits--) {
				int at = random.nextInt(text.length());
				switch (random.nextInt(3)) {
					case 0 -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
					case 1 -> text.deleteCharAt(at);
					default -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
				}
			}
			assertSameAsOffsetDateTimeOrLeft(text.toString());
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "0000-01-01T00:00:00Z", "-0001-12-31T23:59:59.999999999Z", "0999-12-31T23:59:59.999Z",
			"1000-01-01T00:00:00Z", "1900-01-01T00:00:00Z", "1969-12-31T23:59:59.000000001Z", "1970-01-01T00:00:00Z",
			"2000-02-29T12:00:00.100Z", "2026-11-20T09:15:00.120Z", "2026-11-20T09:15:00.000120Z",
			"2026-11-20T09:15:00.000000120Z", "2026-11-20T09:15:00.123456789Z", "9999-12-31T23:59:59.999999999Z",
			"+10000-01-01T00:00:00Z", "-10000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z",
			"+1000000000-12-31T23:59:59.999999999Z" })
	void writesChosenInstantsAsToStringDoes(String text) {
		Instant instant = Instant.parse(text);
		assertThat(Rfc3339.format(instant)).isEqualTo(instant.toString()).isEqualTo(text);
	}

	@Test
	void writesTheEdgesOfTheInstantsAsToStringDoes() {
		for (Instant instant : new Instant[] { Instant.EPOCH, Instant.MIN, Instant.MAX, Instant.EPOCH.minusNanos(1),
				Instant.parse("0000-01-01T00:00:00Z").minusNanos(1),
				Instant.parse("+10000-01-01T00:00:00Z").minusNanos(1) }) {
			assertThat(Rfc3339.format(instant)).isEqualTo(instant.toString());
		}
	}

	@Test
	void writesRandomInstantsAsToStringDoes() {
		long seed = new SplittableRandom().nextLong();
		SplittableRandom random = new SplittableRandom(seed);
		// Most around the years written by hand and their edges, the rest anywhere.
		long first = Instant.parse("-1000-01-01T00:00:00Z").getEpochSecond();
		long last = Instant.parse("+11000-01-01T00:00:00Z").getEpochSecond();
		for (int i = 0; i < 1_000_000; i++) {
			int nanos = switch (random.nextInt(4)) {
				case 0 -> 0;
				case 1 -> random.nextInt(1000) * 1_000_000;
				case 2 -> random.nextInt(1_000_000) * 1000;
				default -> random.nextInt(1_000_000_000);
			};
			long seconds = (random.nextInt(10) == 0)
					? random.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond() + 1)
					: random.nextLong(first, last);
			Instant instant = Instant.ofEpochSecond(seconds, nanos);
			assertThat(Rfc3339.format(instant)).as("seed %d", seed).isEqualTo(instant.toString());
		}
	}

	/** Read as {@code OffsetDateTime.parse} reads it, or left to it (null). */
	private static void assertSameAsOffsetDateTimeOrLeft(String text) {
		Instant common = Rfc3339.commonInstant(text);
		if (common != null) {
			assertThat(common).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
		}
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
