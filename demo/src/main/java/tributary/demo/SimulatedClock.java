package tributary.demo;

import java.time.Duration;
import java.time.Instant;

/**
 * The demo's time: it starts {@link #BACKFILL} before the run started and runs
 * {@link #SPEED} times faster than the wall clock until it has caught up, then in real
 * time. So a newcomer sees hours of history within a minute, then a live stream.
 *
 * @param runStart when the run started (wall clock)
 */
record SimulatedClock(Instant runStart) {

	/** How far back the stream starts. */
	static final Duration BACKFILL = Duration.ofHours(6);

	/** How much faster than real time the backfill runs. */
	static final int SPEED = 600;

	/** When the simulated clock starts. */
	Instant start() {
		return this.runStart.minus(BACKFILL);
	}

	/**
	 * The simulated instant after some time of the run.
	 * @param elapsed time since the run started (wall clock), not negative
	 * @return the simulated instant then
	 */
	Instant at(Duration elapsed) {
		if (elapsed.isNegative()) {
			throw new IllegalArgumentException("elapsed must not be negative but was " + elapsed);
		}
		Instant fast = start().plus(elapsed.multipliedBy(SPEED));
		Instant real = this.runStart.plus(elapsed);
		return fast.isBefore(real) ? fast : real;
	}

	/** Whether the simulated clock is still catching up at that time of the run. */
	boolean backfilling(Duration elapsed) {
		return at(elapsed).isBefore(this.runStart.plus(elapsed));
	}

}
