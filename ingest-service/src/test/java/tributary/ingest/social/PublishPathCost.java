package tributary.ingest.social;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.sun.management.ThreadMXBean;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tributary.ingest.events.Checked;
import tributary.ingest.events.RecordWriter;
import tributary.ingest.events.TreeRecords;
import tributary.testsupport.bench.Median;

/**
 * The CPU and the memory one thread spends per event on parsing an item, and on checking
 * it and producing its record value's bytes, the tree's way ({@link TreeRecords}) and the
 * bytes' way ({@link RecordWriter}), in one JVM, in alternating blocks, over the bulk
 * benchmark's posts (bench/ingest/batch.lua). Run from the test class path:
 * {@code java -cp ... tributary.ingest.social.PublishPathCost [blocks] [seconds]}.
 */
public final class PublishPathCost {

	private static final String TEXT = "Arrived today: great sound, but the left ear cup creaks a little when I turn my head.";

	private static final Duration TOLERANCE = Duration.ofHours(24);

	private static volatile Object sink;

	private PublishPathCost() {
	}

	public static void main(String[] args) {
		int blocks = (args.length > 0) ? Integer.parseInt(args[0]) : 10;
		double seconds = (args.length > 1) ? Double.parseDouble(args[1]) : 2;
		JsonMapper mapper = JsonMapper.builder().build();
		ObjectReader reader = mapper.reader()
			.with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
		SplittableRandom random = new SplittableRandom(15);
		List<byte[]> lines = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			lines.add(("{\"platform\":\"mastodon\",\"author\":\"author-" + random.nextInt(1000) + "\",\"text\":\""
					+ TEXT + "\",\"createdAt\":\"2025-06-01T10:00:00Z\",\"lang\":\"en\",\"productId\":\"hp-200\"}")
				.getBytes(StandardCharsets.UTF_8));
		}
		List<JsonNode> items = lines.stream().map((line) -> reader.readTree(line)).toList();
		TreeRecords trees = new TreeRecords(mapper);
		RecordWriter writer = new RecordWriter(mapper);
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Runnable parse = () -> {
			for (byte[] line : lines) {
				sink = reader.readTree(line);
			}
		};
		Runnable tree = () -> {
			for (JsonNode item : items) {
				// The tree's way generated the id inside the check (EventIds), as the
				// bytes'
				// way does.
				ThreadLocalRandom ids = ThreadLocalRandom.current();
				String id = new UUID((now.toEpochMilli() << 16) | 0x7000L | (ids.nextInt() & 0x0FFFL),
						(ids.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L)
					.toString();
				sink = trees.check(Posts.TYPE, item, now, TOLERANCE, id).value();
			}
		};
		Runnable bytes = () -> {
			// A session per 100 events, as for the benchmark's batches.
			for (int from = 0; from < items.size(); from += 100) {
				try (RecordWriter.Session records = writer.open()) {
					for (JsonNode item : items.subList(from, from + 100)) {
						sink = ((Checked.Valid) Posts.TYPE.check(item, now, TOLERANCE, records)).value();
					}
				}
			}
		};
		String[] names = { "parse", "check+write, tree", "check+write, bytes" };
		Runnable[] ways = { parse, tree, bytes };
		for (Runnable way : ways) {
			measure(way, items.size(), 3);
		}
		double[][] cpu = new double[ways.length][blocks];
		double[][] allocated = new double[ways.length][blocks];
		for (int block = 0; block < blocks; block++) {
			for (int way = 0; way < ways.length; way++) {
				double[] perEvent = measure(ways[way], items.size(), seconds);
				cpu[way][block] = perEvent[0];
				allocated[way][block] = perEvent[1];
			}
		}
		for (int way = 0; way < ways.length; way++) {
			System.out.printf("%-20s cpu ns/event median %-18s allocated B/event median %6.0f%n", names[way],
					Median.withRange("%.0f", cpu[way]), Median.of(allocated[way]));
		}
	}

	/** CPU ns and allocated bytes per event while running a way for some seconds. */
	private static double[] measure(Runnable way, int events, double seconds) {
		ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
		long cpuBefore = threads.getCurrentThreadCpuTime();
		long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
		long end = System.nanoTime() + (long) (seconds * 1e9);
		long runs = 0;
		while (System.nanoTime() < end) {
			way.run();
			runs++;
		}
		double total = (double) runs * events;
		return new double[] { (threads.getCurrentThreadCpuTime() - cpuBefore) / total,
				(threads.getCurrentThreadAllocatedBytes() - allocatedBefore) / total };
	}

}
