package tributary.warehouse.intake;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tributary.local.LocalStoreProcess;
import tributary.support.topics.TopicsProperties;
import tributary.testsupport.bench.Median;
import tributary.testsupport.bench.WorkFolder;
import tributary.warehouse.TestEvents;
import tributary.warehouse.TestEvents.TestEvent;
import tributary.warehouse.alerts.Alerts;
import tributary.warehouse.events.EventReader;
import tributary.warehouse.events.RawEvents;
import tributary.warehouse.events.SourceTopics;
import tributary.warehouse.events.TopicIds;
import tributary.warehouse.insights.Aggregates;
import tributary.warehouse.store.BatchWrites;
import tributary.warehouse.system.WarehouseProperties;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaOperations;

/**
 * The warehouse's own CPU per record, without Kafka: the listener the intake runs, fed
 * batches of the warehouse-vs-connector benchmark's mixed records (2,000 a batch, grouped
 * by partition as a consumer hands them over) on this thread, storing into the durable
 * store in its own JVM. It prints, per pass of new records, this thread's CPU per record
 * (reading the JSON, the documents and the aggregates' changes, the driver's encoding and
 * decoding: what the warehouse's consumer threads do), this JVM's (adding its JIT and GC)
 * and the store's. Thread CPU time leaves out what other processes take from the machine,
 * so two builds can be compared run after run where records/s could not.
 *
 * <p>
 * Usage: {@code bench/run warehouse-record-path [records per pass] [warm-up passes]
 * [measured passes]}.
 */
public final class RecordPathBenchmark {

	private static final int PARTITIONS = 6;

	private static final int BATCH = 2000;

	private static final long TICKS_PER_SECOND = 100;

	private RecordPathBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int records = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		int warmUps = (args.length > 1) ? Integer.parseInt(args[1]) : 3;
		int passes = (args.length > 2) ? Integer.parseInt(args[2]) : 5;
		// -Dbench.storeJavaOpts (STORE_JAVA_OPTS in run.sh): more options for the store
		// JVM, after the suite's.
		List<String> storeOptions = new ArrayList<>(LocalStoreProcess.SUITE_JVM_OPTIONS);
		String extra = System.getProperty("bench.storeJavaOpts", "").strip();
		if (!extra.isEmpty()) {
			storeOptions.addAll(List.of(extra.split("\\s+")));
		}
		Path storeFolder = Files.createTempDirectory("record-path-store-");
		LocalStoreProcess store = LocalStoreProcess.start(storeFolder, storeOptions, List.of());
		try (store; MongoClient client = MongoClients.create(store.uri(""))) {
			TopicsProperties topicNames = Binder.get(new StandardEnvironment())
				.bindOrCreate("tributary.topics", TopicsProperties.class);
			WarehouseListener listener = listener(new MongoTemplate(client, "record_path"), topicNames);
			Map<String, String> topics = Map.of("post", topicNames.socialMedia(), "weather", topicNames.weatherData(),
					"feedback", topicNames.customerFeedback(), "sentiment", topicNames.customerSentiment());
			Map<String, Long> offsets = new HashMap<>();
			com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
				.getThreadMXBean();
			List<Double> threadMicros = new ArrayList<>();
			List<Double> processMicros = new ArrayList<>();
			List<Double> allocatedPerPass = new ArrayList<>();
			List<Double> storeMicrosPerPass = new ArrayList<>();
			for (int pass = 0; pass < warmUps + passes; pass++) {
				List<List<ConsumerRecord<byte[], byte[]>>> batches = batches(
						new TestEvents(42 + pass, "p" + pass).mixed(records), topics, offsets);
				int count = batches.stream().mapToInt(List::size).sum();
				long threadStart = threads.getCurrentThreadCpuTime();
				long allocatedStart = threads.getCurrentThreadAllocatedBytes();
				long processStart = processCpuNanos();
				long storeStart = cpuTicks(store.pid());
				long wallStart = System.nanoTime();
				for (List<ConsumerRecord<byte[], byte[]>> batch : batches) {
					listener.onMessage(batch);
				}
				double wall = (System.nanoTime() - wallStart) / 1e9;
				double thread = (threads.getCurrentThreadCpuTime() - threadStart) / 1e3 / count;
				double allocated = (double) (threads.getCurrentThreadAllocatedBytes() - allocatedStart) / count;
				double process = (processCpuNanos() - processStart) / 1e3 / count;
				double storeMicros = (cpuTicks(store.pid()) - storeStart) * 1e6 / TICKS_PER_SECOND / count;
				boolean measured = pass >= warmUps;
				System.out.printf(
						"%-9s %,9d records  this thread %6.2f us/record  this JVM %6.2f  store JVM %6.2f  %,8.0f records/s  this thread allocated %,7.0f B/record%n",
						measured ? "pass " + (pass - warmUps + 1) : "warm-up", count, thread, process, storeMicros,
						count / wall, allocated);
				if (measured) {
					threadMicros.add(thread);
					processMicros.add(process);
					allocatedPerPass.add(allocated);
					storeMicrosPerPass.add(storeMicros);
				}
			}
			System.out.printf(
					"median of %d passes: this thread %.2f us/record, this JVM %.2f, store JVM %.2f; this thread allocated %,.0f B/record%n",
					passes, Median.of(threadMicros), Median.of(processMicros), Median.of(storeMicrosPerPass),
					Median.of(allocatedPerPass));
		}
		// only after a run that ended well: the store's files and log tell why one did
		// not
		WorkFolder.remove(storeFolder);
	}

	private static WarehouseListener listener(MongoTemplate mongo, TopicsProperties topicNames) {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		WarehouseProperties properties = Binder.get(new StandardEnvironment())
			.bindOrCreate("tributary.warehouse", WarehouseProperties.class);
		SourceTopics topics = new SourceTopics(topicNames);
		// Valid records are never dead-lettered; a dead letter would fail the run.
		@SuppressWarnings("unchecked")
		KafkaOperations<byte[], byte[]> kafka = (KafkaOperations<byte[], byte[]>) Proxy.newProxyInstance(
				KafkaOperations.class.getClassLoader(), new Class<?>[] { KafkaOperations.class },
				(proxy, method, arguments) -> {
					throw new IllegalStateException("Dead-lettered: " + Arrays.toString(arguments));
				});
		BatchWrites writes = new BatchWrites(mongo, meters);
		TopicIds topicIds = new TopicIds(
				(names) -> names.stream().collect(Collectors.toMap((name) -> name, (name) -> "incarnation-1")), mongo);
		return new WarehouseListener(topics, new EventReader(), new RawEvents(mongo, writes, topicIds),
				new Aggregates(mongo, writes, topicIds, properties, meters), new Alerts(mongo, meters),
				new DeadLetters(kafka, topics, "warehouse"), new IntakeMetrics(meters));
	}

	/**
	 * Records of the events on their topics, a partition per key, offsets going on from
	 * the last pass's; in batches of {@value #BATCH}, each grouped by partition.
	 */
	private static List<List<ConsumerRecord<byte[], byte[]>>> batches(List<TestEvent> events,
			Map<String, String> topics, Map<String, Long> offsets) {
		List<List<ConsumerRecord<byte[], byte[]>>> batches = new ArrayList<>();
		for (int from = 0; from < events.size(); from += BATCH) {
			Map<String, List<ConsumerRecord<byte[], byte[]>>> byPartition = new LinkedHashMap<>();
			for (TestEvent event : events.subList(from, Math.min(events.size(), from + BATCH))) {
				String topic = topics.get(event.role());
				int partition = Math.floorMod(event.key().hashCode(), PARTITIONS);
				long offset = offsets.merge(topic + "-" + partition, 1L, Long::sum) - 1;
				byPartition.computeIfAbsent(topic + "-" + partition, (key) -> new ArrayList<>())
					.add(new ConsumerRecord<>(topic, partition, offset, event.key().getBytes(StandardCharsets.UTF_8),
							event.json().getBytes(StandardCharsets.UTF_8)));
			}
			batches.add(byPartition.values().stream().flatMap(List::stream).toList());
		}
		return batches;
	}

	/** User and system CPU of a process, in clock ticks (Linux). */
	private static long cpuTicks(long pid) throws java.io.IOException {
		String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
		// the fields after the command name, which is in parentheses and may hold spaces
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

}
