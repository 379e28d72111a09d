package tributary.sentiment.stream;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tributary.support.time.Rfc3339;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IsoInstantsTests {

	@Test
	void readsWhatIsWrittenBackAsTheSameInstant() {
		SplittableRandom random = new SplittableRandom(42);
		long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
		long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
		for (int i = 0; i < 200_000; i++) {
			int nanos = switch (i % 4) {
				case 0 -> 0;
				case 1 -> random.nextInt(1000) * 1_000_000;
				case 2 -> random.nextInt(1_000_000) * 1000;
				default -> random.nextInt(1_000_000_000);
			};
			Instant instant = Instant.ofEpochSecond(random.nextLong(min, max + 1), nanos);

			String text = Rfc3339.format(instant);

			assertThat(text).isEqualTo(instant.toString());
			assertThat(IsoInstants.parse(text)).isEqualTo(instant);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-20T09:15:00Z", "2026-11-20T09:15:00.1Z", "2026-11-20T09:15:00.25Z",
			"2024-02-29T23:59:59.999999999Z", "2026-11-20T10:15:00+01:00", "2026-11-20T09:15:00.000Z",
			"0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2026-11-20T24:00:00Z", "2026-11-20T09:15:00.Z" })
	void readsWhatTheJdkReads(String text) {
		assertThat(IsoInstants.parse(text)).isEqualTo(Instant.parse(text));
	}

	@ParameterizedTest
	@ValueSource(strings = { "-0001-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "+300000000-01-01T00:00:00Z",
			"9999-12-31T23:59:59-01:00", "0000-01-01T00:00:00+01:00" })
	void refusesWhatRfc3339OrAFourDigitYearInUtcCannotWrite(String text) {
		assertThatExceptionOfType(DateTimeParseException.class).isThrownBy(() -> IsoInstants.parse(text));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-20", "yesterday", "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z",
			"2026-11-31T00:00:00Z", "2026-11-20T09:60:00Z", "2026-11-20T09:15:00.1234567890Z", "2026-11-20 09:15:00Z",
			"2026-1x-20T09:15:00Z", "" })
	void rejectsWhatTheJdkRejects(String text) {
		assertThatExceptionOfType(DateTimeParseException.class).isThrownBy(() -> Instant.parse(text));
		assertThatExceptionOfType(DateTimeParseException.class).isThrownBy(() -> IsoInstants.parse(text));
	}

}
