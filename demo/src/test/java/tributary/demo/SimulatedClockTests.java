package tributary.demo;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SimulatedClockTests {

	private final Instant runStart = Instant.parse("2026-12-02T08:00:00Z");

	private final SimulatedClock clock = new SimulatedClock(this.runStart);

	@Test
	void startsSixHoursBackAndRuns600TimesFaster() {
		assertThat(this.clock.at(Duration.ZERO)).isEqualTo("2026-12-02T02:00:00Z");
		assertThat(this.clock.at(Duration.ofSeconds(1))).isEqualTo("2026-12-02T02:10:00Z");
		assertThat(this.clock.at(Duration.ofSeconds(30))).isEqualTo("2026-12-02T07:00:00Z");
		assertThat(this.clock.backfilling(Duration.ofSeconds(30))).isTrue();
	}

	@Test
	void runsInRealTimeOnceItHasCaughtUp() {
		// 6 h at 600x while the wall clock moves on: caught up after 21,600 / 599 s.
		assertThat(this.clock.at(Duration.ofSeconds(36))).isBefore(this.runStart.plusSeconds(36));
		assertThat(this.clock.at(Duration.ofSeconds(37))).isEqualTo(this.runStart.plusSeconds(37));
		assertThat(this.clock.backfilling(Duration.ofSeconds(37))).isFalse();
		assertThat(this.clock.at(Duration.ofHours(5))).isEqualTo(this.runStart.plus(Duration.ofHours(5)));
	}

	@Test
	void refusesTimeBeforeTheRun() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.clock.at(Duration.ofSeconds(-1)));
	}

}
