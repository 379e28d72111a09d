package tributary.ingest.events;

import java.time.Instant;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link InstantText} writes every instant as {@link Instant#toString()} does. */
class InstantTextTests {

	@ParameterizedTest
	@ValueSource(strings = { "1000-01-01T00:00:00Z", "0999-12-31T23:59:59.999999999Z", "9999-12-31T23:59:59.999999999Z",
			"+10000-01-01T00:00:00Z", "1900-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.000000001Z",
			"2000-02-29T12:00:00.100Z", "2026-11-20T09:15:00.120Z", "2026-11-20T09:15:00.000120Z",
			"2026-11-20T09:15:00.000000120Z", "2026-11-20T09:15:00.123456789Z", "-0001-01-01T00:00:00Z" })
	void writesChosenInstantsAsToStringDoes(String text) {
		Instant instant = Instant.parse(text);
		assertThat(InstantText.of(instant)).isEqualTo(instant.toString());
	}

	@Test
	void writesRandomInstantsAsToStringDoes() {
		long seed = new SplittableRandom().nextLong();
		SplittableRandom random = new SplittableRandom(seed);
		long first = Instant.parse("0900-01-01T00:00:00Z").getEpochSecond();
		long last = Instant.parse("+10100-01-01T00:00:00Z").getEpochSecond();
		for (int i = 0; i < 1_000_000; i++) {
			int nanos = switch (random.nextInt(4)) {
				case 0 -> 0;
				case 1 -> random.nextInt(1000) * 1_000_000;
				case 2 -> random.nextInt(1_000_000) * 1000;
				default -> random.nextInt(1_000_000_000);
			};
			Instant instant = Instant.ofEpochSecond(random.nextLong(first, last), nanos);
			assertThat(InstantText.of(instant)).as("seed %d", seed).isEqualTo(instant.toString());
		}
	}

}
