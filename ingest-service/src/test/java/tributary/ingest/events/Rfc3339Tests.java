package tributary.ingest.events;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Proves that the hand-written reader of instants accepts exactly what
 * {@code OffsetDateTime.parse} accepts, with the same instant, and refuses with the same
 * exception: validation must not change with the faster path.
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
	void readsEveryHandPickedValueAsTheFormatterDoes() {
		for (String sample : SAMPLES) {
			assertSameAsFormatter(sample);
		}
	}

	@Test
	void readsRandomlyAlteredValuesAsTheFormatterDoes() {
		Random random = new Random(15);
		String alphabet = "0123456789-:T.Z+ zt";
		List<String> cases = new ArrayList<>();
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
			cases.add(text.toString());
		}
		cases.forEach(Rfc3339Tests::assertSameAsFormatter);
	}

	@Test
	void takesTheCommonFormWithoutTheFormatter() {
		assertThat(Rfc3339.fast("2026-11-20T09:15:00.250+01:00")).isEqualTo(Instant.parse("2026-11-20T08:15:00.250Z"));
		assertThat(Rfc3339.fast("2025-06-01T10:00:00Z")).isEqualTo(Instant.parse("2025-06-01T10:00:00Z"));
	}

	private static void assertSameAsFormatter(String text) {
		Instant expected;
		try {
			expected = OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeException ex) {
			assertThatExceptionOfType(DateTimeParseException.class).as(text)
				.isThrownBy(() -> Rfc3339.parse(text))
				.withMessage(ex.getMessage());
			return;
		}
		assertThat(Rfc3339.parse(text)).as(text).isEqualTo(expected);
	}

}
