package tributary.alerts.topology;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

import tributary.support.time.Rfc3339;
import tributary.testsupport.bench.Median;

/**
 * The alerts topology's own CPU per record, without Kafka: readings and scored posts as
 * ingest and the sentiment-service write them (20 locations, event time a millisecond
 * apart, so that windows keep closing), piped on this thread through the topology in
 * Kafka Streams' test driver: deserialising, the event-time extractor, the contract
 * checks, the rules, the windows (in memory: the driver commits after every record, and a
 * RocksDB flush per record would be all it measured) and the alerts. It prints, per pass
 * of new records, this thread's CPU and allocation per record; the driver's own
 * per-record commit is in every figure, so a change shows smaller here than in the
 * service.
 *
 * <p>
 * Usage: {@code bench/run alerts-topology [records per pass] [warm-up passes] [measured
 * passes]}.
 */
public final class TopologyPathBenchmark {

	private static final int LOCATIONS = 20;

	private TopologyPathBenchmark() {
	}

	public static void main(String[] args) {
		int records = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		int warmUps = (args.length > 1) ? Integer.parseInt(args[1]) : 3;
		int passes = (args.length > 2) ? Integer.parseInt(args[2]) : 5;
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		SplittableRandom random = new SplittableRandom(42);
		Instant start = AlertsDriver.NOW.minusSeconds(30L * 24 * 3600);
		long sequence = 0;
		List<Double> micros = new ArrayList<>();
		List<Double> bytes = new ArrayList<>();
		try (AlertsDriver driver = new AlertsDriver()) {
			for (int pass = 0; pass < warmUps + passes; pass++) {
				List<Input> inputs = new ArrayList<>(records);
				for (int i = 0; i < records; i++, sequence++) {
					inputs.add(input(random, sequence, start.plusMillis(sequence)));
				}
				long cpuStart = threads.getCurrentThreadCpuTime();
				long allocatedStart = threads.getCurrentThreadAllocatedBytes();
				long wallStart = System.nanoTime();
				for (Input input : inputs) {
					if (input.reading()) {
						driver.readings.pipeInput(input.key(), input.value(), input.timestamp());
					}
					else {
						driver.posts.pipeInput(input.key(), input.value(), input.timestamp());
					}
				}
				double wall = (System.nanoTime() - wallStart) / 1e9;
				double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e3 / records;
				double allocated = (double) (threads.getCurrentThreadAllocatedBytes() - allocatedStart) / records;
				int alerts = driver.alerts().size();
				boolean measured = pass >= warmUps;
				System.out.printf(Locale.ROOT,
						"%-9s %,9d records  this thread %6.2f us/record  %,8.0f records/s  allocated %,7.0f B/record  %,d alerts%n",
						measured ? "pass " + (pass - warmUps + 1) : "warm-up", records, cpu, records / wall, allocated,
						alerts);
				if (measured) {
					micros.add(cpu);
					bytes.add(allocated);
				}
			}
		}
		System.out.printf(Locale.ROOT, "median of %d passes: this thread %.2f us/record, allocated %,.0f B/record%n",
				passes, Median.of(micros), Median.of(bytes));
	}

	/** Half readings, half scored posts, in turn. */
	private static Input input(SplittableRandom random, long sequence, Instant eventTime) {
		String location = "city-" + random.nextInt(LOCATIONS);
		String id = new UUID(random.nextLong(), random.nextLong()).toString();
		String at = Rfc3339.format(eventTime);
		Instant timestamp = eventTime.plusSeconds(1);
		if (sequence % 2 == 0) {
			double temperature = Math.round(random.nextDouble(10, 40) * 10) / 10.0;
			return new Input(true, AlertsDriver.utf8(location),
					AlertsDriver.utf8(AlertsDriver.Json.reading(id, location, at, temperature)), timestamp);
		}
		String label = switch (random.nextInt(3)) {
			case 0 -> "positive";
			case 1 -> "neutral";
			default -> "negative";
		};
		return new Input(false, AlertsDriver.utf8("author-" + random.nextInt(1000)),
				AlertsDriver.utf8(AlertsDriver.Json.post(id, location, at, label)), timestamp);
	}

	private record Input(boolean reading, byte[] key, byte[] value, Instant timestamp) {
	}

}
