package tributary.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import tributary.demo.DemoEvent.Kind;
import tributary.demo.IngestClient.Answer;

/**
 * The demo load: sends {@link DemoStream}'s events through ingest's batch endpoints, one
 * batch per kind each second, and prints what it sent. A batch ingest refuses (4xx) is
 * reported and dropped; one it could not take (5xx, 429, no connection) is sent again,
 * with the same ids, after a back-off that doubles, until it is taken or the run stops.
 * Stops after {@code --duration} or on Ctrl-C, after the batch in flight.
 */
public final class DemoLoad {

	/** The most items ingest takes in one batch. */
	static final int MAX_BATCH = 1000;

	private final Options options;

	private final Ingest ingest;

	private final PrintStream out;

	private final Clock clock;

	private final Duration firstBackOff;

	private final Duration maxBackOff;

	private final CountDownLatch stop = new CountDownLatch(1);

	private final Tally tally = new Tally();

	DemoLoad(Options options, Ingest ingest, PrintStream out, Clock clock, Duration firstBackOff, Duration maxBackOff) {
		this.options = options;
		this.ingest = ingest;
		this.out = out;
		this.clock = clock;
		this.firstBackOff = firstBackOff;
		this.maxBackOff = maxBackOff;
	}

	public static void main(String[] args) throws InterruptedException {
		Options options;
		try {
			options = Options.parse(args, System.getenv());
		}
		catch (IllegalArgumentException ex) {
			boolean help = "help".equals(ex.getMessage());
			if (!help) {
				System.err.println("demo: " + ex.getMessage());
			}
			System.err.println(Options.USAGE);
			System.exit(help ? 0 : 2);
			return;
		}
		IngestClient client = new IngestClient(options.ingest(), options.apiKey());
		DemoLoad load = new DemoLoad(options, client::post, System.out, Clock.systemUTC(), Duration.ofMillis(500),
				Duration.ofSeconds(15));
		Thread running = Thread.currentThread();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			load.stop();
			try {
				running.join(TimeUnit.SECONDS.toMillis(20));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "demo-stop"));
		load.run();
	}

	/** Asks the run to stop after the batch in flight. */
	void stop() {
		this.stop.countDown();
	}

	/**
	 * Sends until the duration is over or {@link #stop()} is called.
	 * @return what was sent
	 */
	Tally run() throws InterruptedException {
		Instant runStart = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		SimulatedClock simulated = new SimulatedClock(runStart);
		DemoStream stream = new DemoStream(this.options.seed(), simulated, this.options.rate());
		this.out.printf("Sending %d events/s to %s (seed %d): from %s, %dx faster until it catches up, then live.%n",
				this.options.rate(), this.options.ingest(), this.options.seed(), simulated.start(),
				SimulatedClock.SPEED);
		this.out.printf("Heat spike in the backfill: %s, %s to %s. %s%n", DemoStream.SEVILLE.name(), stream.heatStart(),
				stream.heatStart().plus(DemoStream.HEAT_WINDOW), (this.options.duration() != null)
						? "Runs " + this.options.duration().toSeconds() + " s." : "Ctrl-C stops.");
		long started = System.nanoTime();
		Duration duration = this.options.duration();
		for (long second = 0; duration == null || second < duration.toSeconds(); second++) {
			long due = started + TimeUnit.SECONDS.toNanos(second);
			if (stopping(Math.max(0, due - System.nanoTime()))) {
				break;
			}
			List<DemoEvent> events = stream.second(second);
			Map<Kind, List<String>> byKind = new EnumMap<>(Kind.class);
			events.forEach(
					(event) -> byKind.computeIfAbsent(event.kind(), (kind) -> new ArrayList<>()).add(event.json()));
			long sentBefore = this.tally.sent;
			for (Map.Entry<Kind, List<String>> batch : byKind.entrySet()) {
				List<String> items = batch.getValue();
				for (int from = 0; from < items.size(); from += MAX_BATCH) {
					deliver(batch.getKey().path(), items.subList(from, Math.min(items.size(), from + MAX_BATCH)));
				}
			}
			Duration elapsed = Duration.ofSeconds(second);
			this.out.printf("%6d s  %s  %-8s sent %4d: %d readings, %d posts, %d feedback  (total %d)%n", second + 1,
					simulated.at(elapsed).truncatedTo(ChronoUnit.MINUTES),
					simulated.backfilling(elapsed) ? "backfill" : "live", this.tally.sent - sentBefore,
					size(byKind, Kind.READING), size(byKind, Kind.POST), size(byKind, Kind.FEEDBACK), this.tally.sent);
		}
		this.out.printf("Stopped: %d events sent, %d refused by ingest, %d not sent, %d retries.%n", this.tally.sent,
				this.tally.refused, this.tally.unsent, this.tally.retries);
		return this.tally;
	}

	private static int size(Map<Kind, List<String>> byKind, Kind kind) {
		List<String> items = byKind.get(kind);
		return (items != null) ? items.size() : 0;
	}

	/** Waits, and says whether a stop was asked for meanwhile. */
	private boolean stopping(long nanos) throws InterruptedException {
		return this.stop.await(nanos, TimeUnit.NANOSECONDS);
	}

	private void deliver(String path, List<String> items) throws InterruptedException {
		if (this.stop.getCount() == 0) {
			// Stopping: the rest of this second's batches stay unsent.
			this.tally.unsent += items.size();
			return;
		}
		Duration backOff = this.firstBackOff;
		while (true) {
			String problem;
			try {
				Answer answer = this.ingest.post(path, items);
				if (answer.accepted()) {
					this.tally.sent += items.size();
					return;
				}
				if (answer.refusedWhole()) {
					this.tally.refused += items.size();
					this.out.printf("  ingest refused %d items to %s: HTTP %d %s%n", items.size(), path,
							answer.status(), answer.detail());
					return;
				}
				if (!answer.retry()) {
					this.tally.sent += items.size() - answer.refused();
					this.tally.refused += answer.refused();
					this.out.printf("  ingest refused %d of %d items to %s (HTTP %d)%n", answer.refused(), items.size(),
							path, answer.status());
					return;
				}
				problem = "HTTP " + answer.status();
			}
			catch (IOException ex) {
				problem = ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "");
			}
			this.out.printf("  ingest did not take %d items to %s (%s); again in %d ms%n", items.size(), path, problem,
					backOff.toMillis());
			this.tally.retries++;
			if (stopping(backOff.toNanos())) {
				this.tally.unsent += items.size();
				return;
			}
			backOff = (backOff.multipliedBy(2).compareTo(this.maxBackOff) > 0) ? this.maxBackOff
					: backOff.multipliedBy(2);
		}
	}

	/** Sends one batch to ingest. */
	@FunctionalInterface
	interface Ingest {

		Answer post(String path, List<String> items) throws IOException, InterruptedException;

	}

	/** What a run sent. */
	static final class Tally {

		long sent;

		long refused;

		long unsent;

		long retries;

	}

}
