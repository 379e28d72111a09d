import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import tributary.local.h2.ValueOrderedH2Backend;

/**
 * Inserts into the file-backed store through the MongoDB driver, as the warehouse writes raw
 * events: unordered insertMany of 1,000 documents keyed by a string _id, plus a compound
 * unique index, then looks every document up by _id. The library's H2 backend and ours run
 * interleaved in one process, each round on a fresh file.
 *
 * Usage: bench/run store [documents=100000] [rounds=3]
 */
public class StoreBenchmark {

	public static void main(String[] args) throws Exception {
		int documents = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 3;
		Map<String, Function<Path, H2Backend>> backends = new LinkedHashMap<>();
		backends.put("library H2Backend", (file) -> new H2Backend(file.toString()));
		backends.put("ValueOrderedH2Backend", ValueOrderedH2Backend::open);
		Map<String, List<double[]>> results = new LinkedHashMap<>();
		for (int round = 1; round <= rounds; round++) {
			for (var backend : backends.entrySet()) {
				double[] rates = run(backend.getValue(), documents);
				results.computeIfAbsent(backend.getKey(), (key) -> new ArrayList<>()).add(rates);
				System.out.printf("round %d %-22s insert %,9.0f docs/s   find by _id %,9.0f docs/s%n", round,
						backend.getKey(), rates[0], rates[1]);
			}
		}
		double baseInsert = median(results.values().iterator().next(), 0);
		double baseFind = median(results.values().iterator().next(), 1);
		System.out.println();
		System.out.println("| backend | insert median docs/s | vs library | find by _id median docs/s | vs library |");
		System.out.println("|---|---:|---:|---:|---:|");
		results.forEach((name, rates) -> System.out.printf("| %s | %,.0f | %.1f | %,.0f | %.1f |%n", name,
				median(rates, 0), median(rates, 0) / baseInsert, median(rates, 1), median(rates, 1) / baseFind));
	}

	static double[] run(Function<Path, H2Backend> backend, int documents) throws Exception {
		Path dir = Files.createTempDirectory("store-bench-");
		MongoServer server = new MongoServer(backend.apply(dir.resolve("store.mv")));
		try (MongoClient client = MongoClients.create("mongodb://" + server.bind().getHostString() + ":"
				+ server.getLocalAddress().getPort())) {
			MongoCollection<Document> events = client.getDatabase("bench").getCollection("events");
			events.createIndex(Indexes.ascending("source", "hour"), new IndexOptions().unique(true));
			long start = System.nanoTime();
			for (int from = 0; from < documents; from += 1000) {
				List<Document> batch = new ArrayList<>(1000);
				for (int i = from; i < Math.min(documents, from + 1000); i++) {
					batch.add(new Document("_id", "event-" + Integer.toHexString(i * 0x9E3779B1))
						.append("source", "station-" + (i % 997))
						.append("hour", i / 997)
						.append("text", "reading " + i)
						.append("value", i * 0.5));
				}
				events.insertMany(batch, new InsertManyOptions().ordered(false));
			}
			double insert = documents / ((System.nanoTime() - start) / 1e9);
			start = System.nanoTime();
			int lookups = Math.min(documents, 20_000);
			for (int i = 0; i < lookups; i++) {
				if (events.find(Filters.eq("_id", "event-" + Integer.toHexString(i * 0x9E3779B1))).first() == null) {
					throw new IllegalStateException("document " + i + " not found");
				}
			}
			double find = lookups / ((System.nanoTime() - start) / 1e9);
			return new double[] { insert, find };
		}
		finally {
			server.shutdownNow();
		}
	}

	static double median(List<double[]> rates, int column) {
		List<Double> values = new ArrayList<>();
		rates.forEach((rate) -> values.add(rate[column]));
		Collections.sort(values);
		int middle = values.size() / 2;
		return (values.size() % 2 == 1) ? values.get(middle) : (values.get(middle - 1) + values.get(middle)) / 2;
	}

}
