package tributary.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kills the store's JVM with SIGKILL while several clients write to it, restarts it on
 * the same file, and checks that every write it acknowledged is there.
 *
 * <p>
 * {@code -Dtributary.crash-test.sync=false} runs the store with {@code --sync false},
 * which acknowledges writes H2 has only in memory: then the test fails, as it must.
 */
class LocalStoreCrashIntegrationTests {

	private static final Logger log = LoggerFactory.getLogger(LocalStoreCrashIntegrationTests.class);

	private static final boolean SYNC = Boolean.parseBoolean(System.getProperty("tributary.crash-test.sync", "true"));

	private static final int ROUNDS = Integer.getInteger("tributary.crash-test.rounds", 3);

	private static final int BULK_WRITERS = 3;

	private static final int SINGLE_WRITERS = 2;

	private static final int BATCH = 300;

	@TempDir
	Path dataDir;

	@Test
	void keepsEveryAcknowledgedWriteWhenTheStoreIsKilledMidWrite() throws Exception {
		Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
		for (int round = 1; round <= ROUNDS; round++) {
			try (LocalStoreProcess store = start(SYNC)) {
				assertAllThere(store, acknowledged, round);
				writeUntilKilled(store, round, acknowledged);
			}
		}
		try (LocalStoreProcess store = start(SYNC)) {
			assertAllThere(store, acknowledged, ROUNDS + 1);
		}
	}

	private static void writeUntilKilled(LocalStoreProcess store, int round, Queue<String> acknowledged)
			throws Exception {
		int before = acknowledged.size();
		AtomicBoolean killed = new AtomicBoolean();
		ExecutorService writers = Executors.newFixedThreadPool(BULK_WRITERS + SINGLE_WRITERS);
		List<MongoClient> clients = new ArrayList<>();
		try {
			for (int writer = 0; writer < BULK_WRITERS + SINGLE_WRITERS; writer++) {
				MongoClient client = client(store);
				clients.add(client);
				MongoCollection<Document> events = events(client);
				String prefix = "r" + round + "-w" + writer + "-";
				boolean bulk = writer < BULK_WRITERS;
				writers.submit(() -> write(events, prefix, bulk, acknowledged, killed));
			}
			// kill at a random moment once writes flow, mid-commit as likely as between
			int target = before + 3_000 + ThreadLocalRandom.current().nextInt(6_000);
			await().atMost(Duration.ofMinutes(2)).until(() -> acknowledged.size() >= target);
			killed.set(true);
			store.kill();
			log.info("Round {}: killed the store (sync {}) with {} writes acknowledged in all", round, SYNC,
					acknowledged.size());
		}
		finally {
			writers.shutdown();
			assertThat(writers.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
			clients.forEach(MongoClient::close);
		}
		assertThat(acknowledged.size()).as("writes acknowledged in round %d", round).isGreaterThan(before);
	}

	private static void write(MongoCollection<Document> events, String prefix, boolean bulk, Queue<String> acknowledged,
			AtomicBoolean killed) {
		long next = 0;
		try {
			while (!killed.get()) {
				if (bulk) {
					List<Document> batch = new ArrayList<>(BATCH);
					List<String> ids = new ArrayList<>(BATCH);
					for (int i = 0; i < BATCH; i++) {
						String id = prefix + next++;
						ids.add(id);
						batch.add(document(id));
					}
					events.insertMany(batch, new InsertManyOptions().ordered(false));
					acknowledged.addAll(ids);
				}
				else {
					String id = prefix + next++;
					events.insertOne(document(id));
					acknowledged.add(id);
				}
			}
		}
		catch (MongoException ex) {
			if (!killed.get()) {
				throw ex;
			}
			// the store died under this write: it was not acknowledged
		}
	}

	private static Document document(String id) {
		return new Document("_id", id).append("station", id.substring(0, id.lastIndexOf('-')))
			.append("sequence", Long.parseLong(id.substring(id.lastIndexOf('-') + 1)))
			.append("text", "reading " + id);
	}

	private static void assertAllThere(LocalStoreProcess store, Queue<String> acknowledged, int start) {
		try (MongoClient client = client(store)) {
			MongoCollection<Document> events = events(client);
			if (start == 1) {
				events.createIndex(Indexes.ascending("station", "sequence"), new IndexOptions().unique(true));
				return;
			}
			Set<String> stored = new HashSet<>();
			for (Document document : events.find().projection(Projections.include("_id"))) {
				stored.add(document.getString("_id"));
			}
			Set<String> missing = new HashSet<>(acknowledged);
			missing.removeAll(stored);
			assertThat(missing)
				.as("acknowledged writes missing after %d kill(s): %d of %d (first: %s)", start - 1, missing.size(),
						acknowledged.size(), missing.stream().sorted().limit(5).toList())
				.isEmpty();
			assertThat(events.countDocuments()).as("documents").isEqualTo(stored.size());
			log.info("Restart {}: all {} acknowledged writes are there ({} documents)", start - 1, acknowledged.size(),
					stored.size());
		}
	}

	private static MongoCollection<Document> events(MongoClient client) {
		return client.getDatabase("crash").getCollection("events");
	}

	/**
	 * The store in a JVM of its own, as {@code ./tributary} runs it, on the test's data.
	 */
	private LocalStoreProcess start(boolean sync) {
		return LocalStoreProcess.start(this.dataDir.resolve("store"), LocalStoreProcess.SUITE_JVM_OPTIONS,
				List.of("--sync", Boolean.toString(sync)));
	}

	private static MongoClient client(LocalStoreProcess store) {
		return MongoClients.create(MongoClientSettings.builder()
			.applyConnectionString(new ConnectionString(store.uri("")))
			.applyToClusterSettings((cluster) -> cluster.serverSelectionTimeout(2, TimeUnit.SECONDS))
			.applyToSocketSettings((socket) -> socket.connectTimeout(2, TimeUnit.SECONDS))
			.retryWrites(false)
			.build());
	}

}
