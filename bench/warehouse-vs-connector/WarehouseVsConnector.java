import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import tributary.local.LocalKafkaProcess;
import tributary.local.LocalStoreProcess;
import tributary.testsupport.bench.Median;
import tributary.testsupport.bench.WorkFolder;
import tributary.warehouse.TestEvents;
import tributary.warehouse.TestEvents.TestEvent;
import tributary.warehouse.WarehouseApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The warehouse against its peer, the MongoDB Kafka sink connector on Kafka Connect
 * standalone: the same broker, the same pre-loaded topics and the same durable store, in
 * interleaved rounds (warehouse, connector, warehouse, ...), each run with a fresh store
 * (its own JVM, a new data directory; with {@code -Dbench.store=shared}, one store JVM
 * for all runs and a new database per run) and a new consumer group, the first round a
 * warm-up that is not counted.
 *
 * <p>
 * The warehouse runs in this JVM (its CPU is this process's, the driver's polling
 * included), the Connect worker in its own, started once and given a new connector per
 * run through its REST API. A warehouse run is timed from starting its consumer until
 * its group has committed every offset, which it does only after storing the raw events
 * and writing the aggregates; a connector run from creating the connector until the
 * store holds one document per record (its offsets are committed later, on the worker's
 * flush interval). Both sides consume with the same number of consumers and the same
 * max.poll.records. Before a run is timed, the side's JVM and the store's are left to
 * settle (the JIT still compiles a new Spring context's start-up code for seconds).
 *
 * Usage: bench/run warehouse-vs-connector [records] [rounds] [consumer counts]
 */
public class WarehouseVsConnector {

	static final String[] ROLES = { "post", "weather", "feedback", "sentiment" };

	static final int PARTITIONS = 6;

	/** The same for both sides; {@code -Dbench.maxPollRecords}, 2000 unless given. */
	static final int MAX_POLL_RECORDS = Integer.getInteger("bench.maxPollRecords", 2000);

	static final long TICKS_PER_SECOND = 100;

	/** The client id of the benchmark's own admin client, which runs in the warehouse's JVM. */
	static final String BENCH_ADMIN = "bench-admin";

	static Path work;

	/** The store every run uses, with {@code -Dbench.store=shared}; otherwise null. */
	static Store shared;

	static String bootstrap;

	static Admin admin;

	static Map<String, String> topics;

	static long total;

	static long brokerPid;

	public static void main(String[] args) throws Exception {
		int records = (args.length > 0) ? Integer.parseInt(args[0]) : 300_000;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 3;
		List<Integer> consumerCounts = (args.length > 2)
				? List.of(args[2].split(",")).stream().map(Integer::valueOf).toList() : List.of(3, 1);
		String peerClasspath = Files.readString(Path.of(System.getProperty("bench.peerClasspath"))).strip();
		work = Files.createTempDirectory("warehouse-vs-connector-");
		List<String> brokerOptions = new ArrayList<>(List.of("-Xms512m", "-Xmx1g", "-XX:+UseG1GC"));
		brokerOptions.addAll(words(System.getProperty("bench.brokerJavaOpts", "")));
		LocalKafkaProcess broker = LocalKafkaProcess.start(work.resolve("kafka"), brokerOptions);
		bootstrap = broker.bootstrapServers();
		brokerPid = broker.pid();
		Process worker = null;
		try (Admin created = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				AdminClientConfig.CLIENT_ID_CONFIG, BENCH_ADMIN))) {
			admin = created;
			if ("shared".equals(System.getProperty("bench.store", "per-run"))) {
				shared = Store.start(true);
			}
			topics = createTopics();
			preload(records);
			total = endOffsets();
			int restPort = freePort();
			worker = startWorker(peerClasspath, restPort);
			System.out.printf("Pre-loaded %,d records on %s (4 topics x %d partitions); Connect worker pid %d; work in %s%n",
					total, bootstrap, PARTITIONS, worker.pid(), work);
			System.out.printf("load average at start: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
			System.out.println((shared != null) ? "One store JVM for all runs, a new database each (STORE=shared)"
					: "A new store JVM for every run");
			Map<String, List<Run>> runs = new LinkedHashMap<>();
			for (int round = 0; round <= rounds; round++) {
				for (int consumers : consumerCounts) {
					for (String side : (round % 2 == 0) ? List.of("warehouse", "connector")
							: List.of("connector", "warehouse")) {
						Run run = side.equals("warehouse") ? warehouse(consumers)
								: connector(worker, restPort, consumers);
						String label = (round == 0) ? "warm-up" : "round " + round;
						System.out.printf("%-8s %-9s consumers=%d %,9.0f records/s  cpu/record: %s %5.1f us, store %5.1f us, broker %5.1f us  documents=%,d%n",
								label, side, consumers, run.rate(), side, run.sideMicros(), run.storeMicros(),
								run.brokerMicros(), run.documents());
						if (run.documents() != total) {
							throw new IllegalStateException(side + " stored " + run.documents() + " documents for "
									+ total + " records");
						}
						if (round > 0) {
							runs.computeIfAbsent(side + " " + consumers, (key) -> new ArrayList<>()).add(run);
						}
					}
				}
			}
			System.out.println();
			System.out.printf("load average at end: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
			System.out.println(
					"| consumers | side | median records/s | rounds | CPU us/record: side JVM | store JVM | broker JVM |");
			System.out.println("|---:|---|---:|---|---:|---:|---:|");
			for (int consumers : consumerCounts) {
				for (String side : List.of("warehouse", "connector")) {
					List<Run> of = runs.get(side + " " + consumers);
					System.out.printf("| %d | %s | %,.0f | %s | %.1f | %.1f | %.1f |%n", consumers, side,
							Median.of(of, Run::rate),
							of.stream().map((run) -> String.format("%,.0f", run.rate())).toList(),
							Median.of(of, Run::sideMicros), Median.of(of, Run::storeMicros),
							Median.of(of, Run::brokerMicros));
				}
				System.out.printf("ratio warehouse / connector, %d consumers: %.2f%n", consumers,
						Median.of(runs.get("warehouse " + consumers), Run::rate)
								/ Median.of(runs.get("connector " + consumers), Run::rate));
			}
		}
		finally {
			if (worker != null) {
				worker.destroy();
			}
			if (shared != null) {
				shared.stop();
			}
			broker.close();
			printGroupCommits();
		}
		// only after a run that ended well: a failure's message points at the logs there
		if (WorkFolder.remove(work)) {
			System.out.println("Removed " + work + " (-Dbench.keepWork=true keeps it)");
		}
	}

	/**
	 * What each store said at its close about its durable writes (write commands, sync
	 * rounds), in the order the stores closed, which is the order they ran: the figures
	 * the folder's logs held. Runs in a {@code finally}, so it reports a log it cannot
	 * read rather than throw over the benchmark's own failure.
	 */
	static void printGroupCommits() {
		try (var files = Files.list(work)) {
			List<Path> logs = files.filter((path) -> path.getFileName().toString().matches("store-.*\\.log"))
				.sorted(java.util.Comparator.comparingLong((Path path) -> path.toFile().lastModified()))
				.toList();
			for (Path log : logs) {
				for (String line : Files.readAllLines(log)) {
					int at = line.indexOf("Group commit: ");
					if (at >= 0) {
						System.out.println(log.getFileName() + ": " + line.substring(at));
					}
				}
			}
		}
		catch (IOException ex) {
			System.out.println("Could not read the stores' logs in " + work + ": " + ex);
		}
	}

	record Run(double rate, double sideMicros, double storeMicros, double brokerMicros, long documents) {
	}

	/**
	 * A store JVM with a new data directory, as {@code ./tributary} runs it; {@code kept}
	 * if it serves every run (closing it after a run then does nothing).
	 */
	record Store(LocalStoreProcess process, boolean kept) implements AutoCloseable {

		/**
		 * The store of one run: a new JVM, or with {@code -Dbench.store=shared} the one JVM
		 * all runs use, each in a new database.
		 */
		static Store forRun() throws Exception {
			return (shared != null) ? shared : start(false);
		}

		static Store start(boolean kept) throws Exception {
			List<String> jvmOptions = new ArrayList<>(LocalStoreProcess.SUITE_JVM_OPTIONS);
			if (System.getProperty("bench.storeJfr") != null) {
				jvmOptions.add("-XX:StartFlightRecording=filename=" + System.getProperty("bench.storeJfr")
						+ ",settings=profile,jdk.ExecutionSample#period=2ms");
			}
			return new Store(LocalStoreProcess.start(Files.createTempDirectory(work, "store-"), jvmOptions,
					words(System.getProperty("bench.storeArgs", ""))), kept);
		}

		/** Stops a run's own store; the shared one stays for the next run. */
		@Override
		public void close() {
			if (!this.kept) {
				stop();
			}
		}

		void stop() {
			this.process.close();
		}

	}

	static Run warehouse(int consumers) throws Exception {
		String id = UUID.randomUUID().toString().substring(0, 8);
		String group = "bench-" + id;
		try (Store store = Store.forRun()) {
			String uri = "mongodb://127.0.0.1:" + store.process().port();
			List<String> arguments = new ArrayList<>(List.of("--server.port=0",
					"--spring.kafka.bootstrap-servers=" + bootstrap, "--spring.mongodb.uri=" + uri + "/bench_" + id,
					"--tributary.security.api-keys=bench-api-key-0123456789",
					"--spring.kafka.listener.auto-startup=false", "--tributary.warehouse.consumer.group-id=" + group,
					"--tributary.warehouse.consumer.concurrency=" + consumers,
					"--tributary.warehouse.consumer.max-poll-records=" + MAX_POLL_RECORDS, "--logging.level.root=WARN"));
			topics.forEach((role, topic) -> arguments.add("--tributary.topics." + property(role) + "=" + topic));
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WarehouseApplication.class)
				.run(arguments.toArray(String[]::new))) {
				MessageListenerContainer container = context.getBean("warehouse", MessageListenerContainer.class);
				awaitQuiet(ProcessHandle.current().pid(), store.process().pid());
				Cpu cpu = new Cpu(ProcessHandle.current().pid(), store.process().pid(), WarehouseVsConnector::ownNanos);
				Map<String, ThreadTicks> threadsBefore = threadTicks(ProcessHandle.current().pid());
				Map<String, ThreadTicks> brokerBefore = threadTicks(brokerPid);
				long start = System.nanoTime();
				container.start();
				// Timed until the warehouse's own count, read in this JVM, says every record
				// is taken (stored, or dead-lettered: none here), as the connector is timed
				// until the store holds every document; its offsets follow within the
				// commit interval, as the connector's do within its own (a minute). Then the
				// committed offsets must all be in, not timed. (Asking the broker for them
				// every 50 ms from the start charged its OffsetFetch work to the warehouse.)
				io.micrometer.core.instrument.MeterRegistry meters = context
					.getBean(io.micrometer.core.instrument.MeterRegistry.class);
				while (taken(meters) < total) {
					Thread.sleep(10);
				}
				double seconds = (System.nanoTime() - start) / 1e9;
				double[] micros = cpu.microsPerRecord();
				while (committed(group) < total) {
					Thread.sleep(10);
				}
				if (Boolean.getBoolean("bench.threads")) {
					printThreads("warehouse JVM", threadsBefore, threadTicks(ProcessHandle.current().pid()));
					System.out.printf("    of it the benchmark's own threads, left out of the warehouse's figure %12.1f us/record%n",
							cpu.ownMicrosPerRecord());
					printThreads("broker JVM", brokerBefore, threadTicks(brokerPid));
					io.micrometer.core.instrument.Counter conflicts = context
						.getBean(io.micrometer.core.instrument.MeterRegistry.class)
						.find("tributary.warehouse.aggregate.conflicts")
						.counter();
					System.out.printf("    aggregate documents re-read and retried after a lost race: %,.0f%n",
							(conflicts != null) ? conflicts.count() : Double.NaN);
					io.micrometer.core.instrument.DistributionSummary combined = context
						.getBean(io.micrometer.core.instrument.MeterRegistry.class)
						.find("tributary.warehouse.aggregate.combined")
						.summary();
					if (combined != null) {
						System.out.printf(
								"    aggregate writes: %,d for %,.0f batches (%.2f batches per write, at most %.0f)%n",
								combined.count(), combined.totalAmount(), combined.mean(), combined.max());
					}
				}
				container.stop();
				return new Run(total / seconds, micros[0], micros[1], micros[2], documents(uri, "bench_" + id));
			}
		}
	}

	static Run connector(Process worker, int restPort, int consumers) throws Exception {
		String name = "sink-" + UUID.randomUUID().toString().substring(0, 8);
		HttpClient http = HttpClient.newHttpClient();
		try (Store store = Store.forRun()) {
			String uri = "mongodb://127.0.0.1:" + store.process().port();
			String config = """
					{"name": "%s", "config": {
					  "connector.class": "com.mongodb.kafka.connect.MongoSinkConnector",
					  "tasks.max": "%d",
					  "topics": "%s",
					  "connection.uri": "%s",
					  "database": "%s",
					  "key.converter": "org.apache.kafka.connect.storage.StringConverter",
					  "value.converter": "org.apache.kafka.connect.storage.StringConverter",
					  "consumer.override.max.poll.records": "%d"
					}}""".formatted(name, consumers, String.join(",", topics.values()), uri, name.replace('-', '_'),
					MAX_POLL_RECORDS);
			awaitQuiet(worker.pid(), store.process().pid());
			Cpu cpu = new Cpu(worker.pid(), store.process().pid(), () -> 0L);
			Map<String, ThreadTicks> workerBefore = threadTicks(worker.pid());
			Map<String, ThreadTicks> brokerBefore = threadTicks(brokerPid);
			long start = System.nanoTime();
			HttpResponse<String> created = http.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + "/connectors"))
						.header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofString(config))
						.build(),
					HttpResponse.BodyHandlers.ofString());
			if (created.statusCode() != 201) {
				throw new IllegalStateException("Could not create the connector: " + created.body());
			}
			try (MongoClient client = MongoClients.create(uri)) {
				MongoDatabase database = client.getDatabase(name.replace('-', '_'));
				while (count(database) < total) {
					Thread.sleep(50);
				}
				double seconds = (System.nanoTime() - start) / 1e9;
				double[] micros = cpu.microsPerRecord();
				if (Boolean.getBoolean("bench.threads")) {
					printThreads("Connect JVM", workerBefore, threadTicks(worker.pid()));
					printThreads("broker JVM", brokerBefore, threadTicks(brokerPid));
				}
				http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + "/connectors/" + name))
					.DELETE()
					.build(), HttpResponse.BodyHandlers.ofString());
				return new Run(total / seconds, micros[0], micros[1], micros[2], count(database));
			}
		}
	}

	/**
	 * The CPU of the side's JVM, the store's and the broker's over a run. The warehouse runs
	 * in this JVM beside the benchmark's own threads: the main thread, which waits for the
	 * warehouse's count of records taken and then for the committed offsets, and its admin
	 * client's thread, which asks the broker for them. Their CPU ({@code own}) is left out
	 * of the warehouse's figure, as the connector's figure has nothing of the benchmark's
	 * (it waits in this JVM, not in Connect's).
	 */
	static final class Cpu {

		final long[] pids;

		final long[] start;

		final LongSupplier own;

		final long ownStart;

		long ownEnd;

		Cpu(long side, long store, LongSupplier own) throws IOException {
			this.pids = new long[] { side, store, brokerPid };
			this.own = own;
			this.ownStart = own.getAsLong();
			this.start = ticks();
		}

		long[] ticks() throws IOException {
			return WarehouseVsConnector.ticks(this.pids);
		}

		double[] microsPerRecord() throws IOException {
			long[] end = ticks();
			this.ownEnd = this.own.getAsLong();
			double[] micros = new double[end.length];
			for (int i = 0; i < end.length; i++) {
				micros[i] = (end[i] - this.start[i]) * 1e6 / TICKS_PER_SECOND / total;
			}
			micros[0] -= ownMicrosPerRecord();
			return micros;
		}

		double ownMicrosPerRecord() {
			return (this.ownEnd - this.ownStart) / 1e3 / total;
		}

	}

	/**
	 * CPU nanoseconds so far of the benchmark's own threads in this JVM: the main thread
	 * and the network thread of its admin client ({@link #BENCH_ADMIN}).
	 */
	static long ownNanos() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long nanos = threads.getCurrentThreadCpuTime();
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.getName().endsWith("| " + BENCH_ADMIN)) {
				nanos += Math.max(0, threads.getThreadCpuTime(thread.threadId()));
			}
		}
		return nanos;
	}

	/**
	 * Waits (15 s at most) until the side's JVM and the store's have used less than 5% of
	 * a core for a second: a new Spring context leaves the JIT compiling its start-up code
	 * for seconds, which would otherwise be counted as the intake's CPU.
	 */
	static void awaitQuiet(long... pids) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		long[] last = ticks(pids);
		int quiet = 0;
		while (quiet < 4 && System.nanoTime() < deadline) {
			Thread.sleep(250);
			long[] now = ticks(pids);
			long busiest = 0;
			for (int i = 0; i < now.length; i++) {
				busiest = Math.max(busiest, now[i] - last[i]);
			}
			quiet = (busiest <= 1) ? quiet + 1 : 0;
			last = now;
		}
	}

	static long[] ticks(long... pids) throws IOException {
		long[] ticks = new long[pids.length];
		for (int i = 0; i < pids.length; i++) {
			String stat = Files.readString(Path.of("/proc/" + pids[i] + "/stat"));
			// utime and stime are fields 14 and 15 of the line, 12 and 13 after the name
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			ticks[i] = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		return ticks;
	}

	/** One thread's name (as Linux keeps it: 15 characters) and CPU ticks so far. */
	record ThreadTicks(String name, long ticks) {
	}

	/** CPU ticks of a JVM's threads by thread id. */
	static Map<String, ThreadTicks> threadTicks(long pid) throws IOException {
		Map<String, ThreadTicks> ticks = new LinkedHashMap<>();
		try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
			for (Path task : tasks.toList()) {
				try {
					String stat = Files.readString(task.resolve("stat"));
					String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
					String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					ticks.put(task.getFileName().toString(),
							new ThreadTicks(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12])));
				}
				catch (IOException ex) {
					// the thread ended meanwhile
				}
			}
		}
		return ticks;
	}

	/**
	 * Each thread's CPU over the run (per thread id: a thread that started meanwhile counts
	 * from zero, one that ended is missed), summed by its name at the end with digits
	 * dropped (GC Thread#0 and #1 together; Connect renames its pool threads when they run
	 * a task).
	 */
	static void printThreads(String jvm, Map<String, ThreadTicks> before, Map<String, ThreadTicks> after) {
		Map<String, Long> byName = new LinkedHashMap<>();
		after.forEach((id, thread) -> {
			ThreadTicks earlier = before.get(id);
			byName.merge(thread.name().replaceAll("[0-9]+", "#"),
					thread.ticks() - ((earlier != null) ? earlier.ticks() : 0L), Long::sum);
		});
		byName.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() > 0)
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(12)
			.forEach((entry) -> System.out.printf("    %s threads %-20s %5.1f us/record%n", jvm, entry.getKey(),
					entry.getValue() * 1e6 / TICKS_PER_SECOND / total));
	}

	static long documents(String uri, String database) {
		try (MongoClient client = MongoClients.create(uri)) {
			return count(client.getDatabase(database));
		}
	}

	/** The documents in the collections named after the topics: raw events, or the connector's. */
	static long count(MongoDatabase database) {
		long count = 0;
		for (String topic : topics.values()) {
			count += database.getCollection(topic).estimatedDocumentCount();
		}
		return count;
	}

	static Process startWorker(String peerClasspath, int restPort) throws Exception {
		Path properties = work.resolve("worker.properties");
		Files.writeString(properties, String.join("\n", "bootstrap.servers=" + bootstrap,
				"key.converter=org.apache.kafka.connect.storage.StringConverter",
				"value.converter=org.apache.kafka.connect.storage.StringConverter",
				"offset.storage.file.filename=" + work.resolve("connect.offsets"), "offset.flush.interval.ms=1000",
				"listeners=http://127.0.0.1:" + restPort, "connector.client.config.override.policy=All", ""));
		Process worker = new ProcessBuilder(javaExecutable(), "-Xmx1g", "-cp", peerClasspath,
				"org.apache.kafka.connect.cli.ConnectStandalone", properties.toString())
			.redirectErrorStream(true)
			.redirectOutput(work.resolve("connect.log").toFile())
			.start();
		HttpClient http = HttpClient.newHttpClient();
		for (int attempt = 0;; attempt++) {
			try {
				HttpResponse<String> answer = http.send(
						HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + "/connectors")).build(),
						HttpResponse.BodyHandlers.ofString());
				if (answer.statusCode() == 200) {
					return worker;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			if (attempt > 600 || !worker.isAlive()) {
				throw new IllegalStateException("The Connect worker did not start; see " + work.resolve("connect.log"));
			}
			Thread.sleep(100);
		}
	}

	static Map<String, String> createTopics() throws Exception {
		Map<String, String> created = new LinkedHashMap<>();
		List<NewTopic> newTopics = new ArrayList<>();
		for (String role : ROLES) {
			String topic = "bench_" + role;
			created.put(role, topic);
			newTopics.add(new NewTopic(topic, PARTITIONS, (short) 1));
			newTopics.add(new NewTopic(topic + "_dlt", PARTITIONS, (short) 1));
		}
		admin.createTopics(newTopics).all().get();
		for (int attempt = 0;; attempt++) {
			try {
				endOffsets(created.values());
				return created;
			}
			catch (Exception ex) {
				if (attempt > 600) {
					throw ex;
				}
				Thread.sleep(200);
			}
		}
	}

	static void preload(int count) throws Exception {
		TestEvents generator = new TestEvents(42, "bench");
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				bootstrap, ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
				ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), new StringSerializer())) {
			List<Future<?>> sends = new ArrayList<>();
			for (TestEvent event : generator.mixed(count)) {
				sends.add(producer.send(new ProducerRecord<>(topics.get(event.role()), event.key(), event.json())));
			}
			producer.flush();
			for (Future<?> send : sends) {
				send.get();
			}
		}
	}

	static long endOffsets() throws Exception {
		return endOffsets(topics.values());
	}

	static long endOffsets(Iterable<String> names) throws Exception {
		Map<TopicPartition, OffsetSpec> partitions = new LinkedHashMap<>();
		for (String topic : names) {
			for (int p = 0; p < PARTITIONS; p++) {
				partitions.put(new TopicPartition(topic, p), OffsetSpec.latest());
			}
		}
		return admin.listOffsets(partitions).all().get().values().stream().mapToLong((info) -> info.offset()).sum();
	}

	/** The words of a string of extra options or arguments, none for a blank one. */
	static List<String> words(String options) {
		String stripped = options.strip();
		return stripped.isEmpty() ? List.of() : List.of(stripped.split("\\s+"));
	}

	/** The records the warehouse in this JVM took so far, whatever became of them. */
	static double taken(io.micrometer.core.instrument.MeterRegistry meters) {
		return meters.find("tributary.warehouse.events")
			.counters()
			.stream()
			.mapToDouble(io.micrometer.core.instrument.Counter::count)
			.sum();
	}

	static long committed(String group) throws Exception {
		Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
			.partitionsToOffsetAndMetadata()
			.get();
		return offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
	}

	static String property(String role) {
		return switch (role) {
			case "post" -> "social-media";
			case "weather" -> "weather-data";
			case "feedback" -> "customer-feedback";
			default -> "customer-sentiment";
		};
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
