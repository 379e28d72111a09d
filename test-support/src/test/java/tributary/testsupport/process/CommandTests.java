package tributary.testsupport.process;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CommandTests {

	@Test
	void passesTheInputAndReturnsWhatTheCommandPrinted() {
		String output = Command.succeed(new ProcessBuilder("bash", "-c", "tr a-z A-Z; echo done >&2"), "kafka\n",
				Duration.ofSeconds(30));

		assertThat(output).isEqualTo("KAFKA\ndone\n");
	}

	@Test
	void anOutputLargerThanAPipeHoldsDoesNotStallTheCommand() {
		String output = Command.succeed(new ProcessBuilder("bash", "-c", "head -c 1000000 /dev/zero | tr '\\0' x"), "",
				Duration.ofSeconds(30));

		assertThat(output).hasSize(1_000_000);
	}

	@Test
	void aCommandThatDoesNotEndIsKilledAtTheBound() {
		long start = System.nanoTime();
		Command.Finished finished = Command.run(new ProcessBuilder("bash", "-c", "echo started; exec sleep 60"), "",
				Duration.ofSeconds(1));

		assertThat(finished.inTime()).isFalse();
		assertThat(finished.output()).isEqualTo("started\n");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
	}

	@Test
	void aFailureNamesTheCommandAndShowsItsOutput() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> Command.succeed(new ProcessBuilder("bash", "-c", "echo no such topic; exit 3"), "",
					Duration.ofSeconds(30)))
			.withMessageContaining("exit status")
			.withMessageContaining("no such topic");
	}

}
