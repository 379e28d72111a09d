import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.utils.BufferSupplier;
import org.apache.kafka.common.utils.CloseableIterator;

/**
 * What each Kafka codec costs per record batch of JSON events, built and read the way the
 * services' producers and consumers do: records appended to a {@link MemoryRecordsBuilder}
 * and closed (the producer compresses a batch when its sender drains it), then every record
 * read back through a streaming iterator with a reused buffer supplier (as the broker
 * validates a batch and a consumer reads it).
 *
 * <p>
 * The services run from Spring Boot jars, whose classes come from the launcher's class
 * loader, not the system one: lz4-java then does not load its native code and Kafka's lz4
 * uses the pure-Java compressor. The benchmark loads Kafka's client and the codecs both ways
 * and measures each codec at several batch sizes, in interleaved rounds, by the thread's CPU
 * time. Arguments: {@code [rounds=5] [batches per measurement=20000]}; the class path holds
 * kafka-clients and its codecs (run.sh takes ingest-service's).
 */
public class CompressionBenchmark {

	static final String[] CODECS = { "lz4", "snappy", "zstd", "none" };

	/**
	 * Records per batch: one event alone, the 50 events of a request spread over six
	 * partitions, a request of 50 on one partition, and a full 64 KiB batch of a bulk load.
	 */
	static final int[] SIZES = { 1, 8, 50, 200 };

	public static void main(String[] args) throws Exception {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 5;
		int batches = (args.length > 1) ? Integer.parseInt(args[1]) : 20000;
		List<URL> urls = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
			urls.add(Path.of(entry).toUri().toURL());
		}
		Map<String, Map<String, List<double[]>>> results = new LinkedHashMap<>();
		// As a Spring Boot jar loads them (a class loader that is not the system one) and as
		// a plain class path does.
		ClassLoader boot = new URLClassLoader("boot-like", urls.toArray(URL[]::new),
				ClassLoader.getPlatformClassLoader());
		ClassLoader system = ClassLoader.getSystemClassLoader();
		for (int round = 0; round <= rounds; round++) {
			for (String codec : CODECS) {
				for (int size : SIZES) {
					for (ClassLoader loader : (codec.equals("lz4") ? List.of(boot, system) : List.of(boot))) {
						String loaded = (loader == boot) ? "Boot jar" : "class path";
						double[] measured = (double[]) loader.loadClass(Measurement.class.getName())
							.getMethod("run", String.class, int.class, int.class)
							.invoke(null, codec, size, batches);
						if (round > 0) {
							results.computeIfAbsent(codec + " (" + loaded + ")", (key) -> new LinkedHashMap<>())
								.computeIfAbsent(Integer.toString(size), (key) -> new ArrayList<>())
								.add(measured);
						}
					}
				}
			}
			System.out.println((round == 0) ? "warm-up round done" : "round " + round + " of " + rounds + " done");
		}
		System.out.println();
		System.out.println("Medians of " + rounds + " rounds, " + batches
				+ " batches each; µs of thread CPU per batch; lz4 implementation as loaded:");
		System.out.println(lz4Implementations(boot, system));
		System.out.println();
		System.out.println(
				"| codec (loaded from) | records per batch | bytes raw | bytes compressed | build + compress µs | read µs | build + compress µs per record |");
		System.out.println("|---|---:|---:|---:|---:|---:|---:|");
		results.forEach((codec, bySize) -> bySize.forEach((size, runs) -> {
			double[] build = runs.stream().mapToDouble((run) -> run[0]).sorted().toArray();
			double[] read = runs.stream().mapToDouble((run) -> run[1]).sorted().toArray();
			double[] first = runs.get(0);
			System.out.printf("| %s | %s | %,.0f | %,.0f | %.1f | %.1f | %.2f |%n", codec, size, first[3], first[2],
					median(build), median(read), median(build) / Integer.parseInt(size));
		}));
	}

	static String lz4Implementations(ClassLoader boot, ClassLoader system) throws Exception {
		StringBuilder text = new StringBuilder();
		for (ClassLoader loader : List.of(boot, system)) {
			Object factory = loader.loadClass("net.jpountz.lz4.LZ4Factory").getMethod("fastestInstance").invoke(null);
			text.append((loader == boot) ? "- Boot jar: " : "- class path: ").append(factory).append('\n');
		}
		return text.toString().stripTrailing();
	}

	static double median(double[] sorted) {
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	/** One measurement, run inside the class loader that loaded this class. */
	public static final class Measurement {

		private static final byte[][] VALUES = events(1000);

		private static final byte[][] KEYS = keys(1000);

		private static final BufferSupplier SUPPLIER = BufferSupplier.create();

		/**
		 * @return µs of CPU per batch building and compressing it, µs reading it back, its
		 * compressed size and its records' raw size
		 */
		public static double[] run(String codec, int size, int batches) throws Exception {
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			Compression compression = Compression.of(CompressionType.forName(codec)).build();
			long buildNanos = 0;
			long readNanos = 0;
			long compressed = 0;
			long raw = 0;
			int next = 0;
			for (int i = 0; i < batches; i++) {
				long start = threads.getCurrentThreadCpuTime();
				MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(1024), compression,
						TimestampType.CREATE_TIME, 0L);
				for (int k = 0; k < size; k++) {
					int event = next++ % VALUES.length;
					builder.append(1_765_000_000_000L, KEYS[event], VALUES[event]);
				}
				MemoryRecords records = builder.build();
				long built = threads.getCurrentThreadCpuTime();
				for (RecordBatch batch : records.batches()) {
					try (CloseableIterator<Record> iterator = batch.streamingIterator(SUPPLIER)) {
						while (iterator.hasNext()) {
							raw += iterator.next().valueSize();
						}
					}
				}
				long read = threads.getCurrentThreadCpuTime();
				buildNanos += built - start;
				readNanos += read - built;
				compressed += records.sizeInBytes();
			}
			return new double[] { buildNanos / 1000.0 / batches, readNanos / 1000.0 / batches,
					(double) compressed / batches, (double) raw / batches };
		}

		/** Posts as ingest writes them: ids, authors, a dozen words, two instants. */
		private static byte[][] events(int count) {
			Random random = new Random(7);
			String[] words = ("the a service was great terrible love hate delivery late fast product support "
					+ "quality price again never always thanks order today app update crashed works")
				.split(" ");
			byte[][] events = new byte[count][];
			for (int i = 0; i < count; i++) {
				StringBuilder text = new StringBuilder();
				for (int w = 0; w < 12; w++) {
					text.append((w > 0) ? " " : "").append(words[random.nextInt(words.length)]);
				}
				events[i] = ("{\"id\":\"" + new UUID(random.nextLong(), random.nextLong()) + "\",\"author\":\"user"
						+ random.nextInt(5000) + "\",\"platform\":\"mastodon\",\"text\":\"" + text
						+ "\",\"location\":\"city-" + random.nextInt(20)
						+ "\",\"createdAt\":\"2026-12-07T12:00:00.123Z\",\"ingestedAt\":\"2026-12-07T12:00:00.456789Z\"}")
					.getBytes(StandardCharsets.UTF_8);
			}
			return events;
		}

		private static byte[][] keys(int count) {
			Random random = new Random(11);
			byte[][] keys = new byte[count][];
			Arrays.setAll(keys, (i) -> ("user" + random.nextInt(5000)).getBytes(StandardCharsets.UTF_8));
			return keys;
		}

	}

}
