import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import tributary.local.h2.ValueOrderedH2Backend;

/**
 * The file-backed store with writes acknowledged before they are on disk (H2 commits in the
 * background, as before) against writes acknowledged after a shared commit and fsync (group
 * commit), interleaved in one process, each run on a fresh file: a few writers doing
 * unordered insertMany of a batch of documents (as the warehouse stores raw events) and a
 * few doing insertOne, all at once, for a fixed time.
 *
 * Usage: bench/run store-durability [seconds=20] [rounds=3] [bulk writers=3] [single writers=2] [batch=500]
 */
public class DurabilityBenchmark {

	public static void main(String[] args) throws Exception {
		int seconds = (args.length > 0) ? Integer.parseInt(args[0]) : 20;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 3;
		int bulkWriters = (args.length > 2) ? Integer.parseInt(args[2]) : 3;
		int singleWriters = (args.length > 3) ? Integer.parseInt(args[3]) : 2;
		int batch = (args.length > 4) ? Integer.parseInt(args[4]) : 500;
		Map<String, List<Result>> results = new LinkedHashMap<>();
		for (int round = 1; round <= rounds; round++) {
			for (boolean durable : new boolean[] { false, true }) {
				String name = durable ? "group commit + fsync" : "background commit";
				Result result = run(durable, seconds, bulkWriters, singleWriters, batch);
				results.computeIfAbsent(name, (key) -> new ArrayList<>()).add(result);
				System.out.printf("round %d %-21s %s%n", round, name, result);
			}
		}
		System.out.println();
		System.out.println("| acknowledged | docs/s | insertMany p50 / p99 ms | insertOne p50 / p99 ms "
				+ "| rounds/s | wait for gap / commit / sync ms per round | file MB | chunks |");
		System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
		results.forEach((name, runs) -> System.out.printf(
				"| %s | %,.0f | %.1f / %.1f | %.2f / %.2f | %,.0f | %.1f / %.1f / %.1f | %.0f | %.0f |%n", name,
				median(runs, Result::docsPerSecond), median(runs, Result::bulkP50), median(runs, Result::bulkP99),
				median(runs, Result::singleP50), median(runs, Result::singleP99), median(runs, Result::commitsPerSecond),
				median(runs, Result::gapMs), median(runs, Result::commitMs), median(runs, Result::syncMs), median(runs, Result::fileMb),
				median(runs, Result::chunks)));
	}

	record Result(double docsPerSecond, double bulkP50, double bulkP99, double singleP50, double singleP99,
			double commitsPerSecond, double gapMs, double commitMs, double syncMs, double fileMb, double chunks, long documents) {

		@Override
		public String toString() {
			return String.format(
					"%,8.0f docs/s  insertMany p50 %6.1f p99 %6.1f ms  insertOne p50 %5.2f p99 %6.2f ms  "
							+ "%,5.0f rounds/s (gap %.1f ms, commit %.1f ms, sync %.1f ms)  file %4.0f MB  %4.0f chunks  %,d docs",
					docsPerSecond, bulkP50, bulkP99, singleP50, singleP99, commitsPerSecond, gapMs, commitMs, syncMs, fileMb,
					chunks, documents);
		}

	}

	static Result run(boolean durable, int seconds, int bulkWriters, int singleWriters, int batch) throws Exception {
		Path dir = Files.createTempDirectory("store-durability-bench-");
		Path file = dir.resolve("store.mv");
		ValueOrderedH2Backend backend = ValueOrderedH2Backend.open(file, durable);
		MongoServer server = new MongoServer(backend);
		String uri = "mongodb://" + server.bind().getHostString() + ":" + server.getLocalAddress().getPort();
		ExecutorService writers = Executors.newFixedThreadPool(bulkWriters + singleWriters);
		List<MongoClient> clients = new ArrayList<>();
		try {
			try (MongoClient client = MongoClients.create(uri)) {
				client.getDatabase("bench")
					.getCollection("events")
					.createIndex(Indexes.ascending("source", "sequence"), new IndexOptions().unique(true));
			}
			AtomicBoolean stop = new AtomicBoolean();
			List<Future<long[]>> bulk = new ArrayList<>();
			List<Future<long[]>> single = new ArrayList<>();
			long[] before = backend.durabilityStatistics();
			long start = System.nanoTime();
			for (int w = 0; w < bulkWriters + singleWriters; w++) {
				MongoClient client = MongoClients.create(uri);
				clients.add(client);
				MongoCollection<Document> events = client.getDatabase("bench").getCollection("events");
				String source = "writer-" + w;
				int size = (w < bulkWriters) ? batch : 1;
				(w < bulkWriters ? bulk : single).add(writers.submit(() -> write(events, source, size, stop)));
			}
			TimeUnit.SECONDS.sleep(seconds);
			stop.set(true);
			long[] bulkLatencies = merge(bulk);
			long[] singleLatencies = merge(single);
			double elapsed = (System.nanoTime() - start) / 1e9;
			long documents = (long) bulkLatencies.length * batch + singleLatencies.length;
			long[] after = backend.durabilityStatistics();
			long rounds = after[0] - before[0];
			MVStore store = backend.getMvStore();
			long chunks = store.getFileStore().getLayoutMap().keySet().stream().filter((key) -> key.startsWith("chunk.")).count();
			return new Result(documents / elapsed, percentile(bulkLatencies, 50), percentile(bulkLatencies, 99),
					percentile(singleLatencies, 50), percentile(singleLatencies, 99),
					rounds / elapsed, perRound(before, after, 1, rounds), perRound(before, after, 2, rounds),
					perRound(before, after, 3, rounds), Files.size(file) / 1e6, chunks, documents);
		}
		finally {
			clients.forEach(MongoClient::close);
			writers.shutdownNow();
			server.shutdownNow();
			try (var files = Files.list(dir)) {
				files.forEach((path) -> path.toFile().delete());
			}
			Files.delete(dir);
		}
	}

	static double perRound(long[] before, long[] after, int index, long rounds) {
		return (rounds > 0) ? (after[index] - before[index]) / 1e6 / rounds : 0;
	}

	/** Writes until stopped; returns each write's latency in nanoseconds. */
	static long[] write(MongoCollection<Document> events, String source, int size, AtomicBoolean stop) {
		List<Long> latencies = new ArrayList<>();
		long sequence = 0;
		while (!stop.get()) {
			List<Document> documents = new ArrayList<>(size);
			for (int i = 0; i < size; i++, sequence++) {
				documents.add(new Document("_id", source + "-" + Long.toHexString(sequence * 0x9E3779B97F4A7C15L))
					.append("source", source)
					.append("sequence", sequence)
					.append("text", "reading " + sequence)
					.append("value", sequence * 0.5));
			}
			long start = System.nanoTime();
			if (size == 1) {
				events.insertOne(documents.get(0));
			}
			else {
				events.insertMany(documents, new InsertManyOptions().ordered(false));
			}
			latencies.add(System.nanoTime() - start);
		}
		return latencies.stream().mapToLong(Long::longValue).toArray();
	}

	static long[] merge(List<Future<long[]>> futures) throws Exception {
		List<long[]> parts = new ArrayList<>();
		for (Future<long[]> future : futures) {
			parts.add(future.get());
		}
		long[] all = parts.stream().flatMapToLong(Arrays::stream).toArray();
		Arrays.sort(all);
		return all;
	}

	static double percentile(long[] sorted, int percent) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int index = (int) Math.min(sorted.length - 1, Math.ceil(sorted.length * percent / 100.0) - 1);
		return sorted[Math.max(0, index)] / 1e6;
	}

	static double median(List<Result> runs, java.util.function.ToDoubleFunction<Result> value) {
		List<Double> values = new ArrayList<>();
		runs.forEach((run) -> values.add(value.applyAsDouble(run)));
		Collections.sort(values);
		int middle = values.size() / 2;
		return (values.size() % 2 == 1) ? values.get(middle) : (values.get(middle - 1) + values.get(middle)) / 2;
	}

}
