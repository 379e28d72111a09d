package tributary.demo;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OptionsTests {

	private static final Map<String, String> ENVIRONMENT = Map.of("TRIBUTARY_DEMO_API_KEY", "key-0123456789abcdef",
			"TRIBUTARY_INGEST_PORT", "18080");

	@Test
	void runsAt50EventsASecondUntilStoppedAgainstTheSuitesIngest() {
		Options options = Options.parse(new String[0], ENVIRONMENT);
		assertThat(options.rate()).isEqualTo(50);
		assertThat(options.duration()).isNull();
		assertThat(options.ingest()).hasToString("http://localhost:18080");
		assertThat(options.apiKey()).isEqualTo("key-0123456789abcdef");
	}

	@Test
	void takesRateDurationSeedAndIngest() {
		Options options = Options.parse(new String[] { "--rate", "200", "--duration", "90", "--seed", "-4", "--ingest",
				"http://127.0.0.1:9999" }, ENVIRONMENT);
		assertThat(options.rate()).isEqualTo(200);
		assertThat(options.duration()).isEqualTo(Duration.ofSeconds(90));
		assertThat(options.seed()).isEqualTo(-4);
		assertThat(options.ingest()).hasToString("http://127.0.0.1:9999");
	}

	@Test
	void refusesWhatItCannotUseSayingWhy() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Options.parse(new String[] { "--rate", "0" }, ENVIRONMENT))
			.withMessage("--rate must be a whole number from 1 to 100000 but was '0'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Options.parse(new String[] { "--duration", "soon" }, ENVIRONMENT))
			.withMessageStartingWith("--duration must be a whole number");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse(new String[] { "--fast" }, ENVIRONMENT))
			.withMessageContaining("--fast");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Options.parse(new String[] { "--ingest", "localhost:8080" }, ENVIRONMENT))
			.withMessageStartingWith("--ingest must be an http(s) URL");
		assertThatIllegalArgumentException().isThrownBy(() -> Options.parse(new String[0], Map.of()))
			.withMessageContaining("TRIBUTARY_DEMO_API_KEY");
	}

}
