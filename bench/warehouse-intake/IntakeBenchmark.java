import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
 * Sustained intake: events pre-loaded on a local broker (free ports), the warehouse
 * started with its consumer stopped, then timed from starting the consumer until the
 * group has committed everything, which it does only after storing and aggregating.
 * The store is the H2-file-backed embedded store in its own JVM, as ./tributary runs it,
 * started with a new data directory for every run; the broker runs with a full JIT; a
 * warm-up round runs first and is not counted.
 *
 * Usage: bench/run warehouse-intake [events] [runs]
 */
public class IntakeBenchmark {

	static final String[] ROLES = { "post", "weather", "feedback", "sentiment" };

	static Path work;

	public static void main(String[] args) throws Exception {
		int events = (args.length > 0) ? Integer.parseInt(args[0]) : 200_000;
		int runs = (args.length > 1) ? Integer.parseInt(args[1]) : 3;
		work = Files.createTempDirectory("warehouse-bench-");
		// A full JIT for the broker: the tests' C1-only broker would be what is measured.
		LocalKafkaProcess broker = LocalKafkaProcess.start(work.resolve("kafka"),
				List.of("-Xms512m", "-Xmx1g", "-XX:+UseG1GC"));
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
			Map<String, String> topics = createTopics(admin);
			preload(broker.bootstrapServers(), topics, events);
			System.out.printf("Pre-loaded %,d events on %s; each run with a new store (H2 file) in %s%n", events,
					broker.bootstrapServers(), work);
			List<String> variants = List.of("concurrency=3,max-poll-records=2000",
					"concurrency=1,max-poll-records=2000");
			Map<String, List<Double>> rates = new HashMap<>();
			// Run 0 warms the JIT up and is not counted.
			for (int run = 0; run <= runs; run++) {
				for (String variant : variants) {
					double rate = run(broker.bootstrapServers(), topics, variant, admin);
					if (run > 0) {
						rates.computeIfAbsent(variant, (key) -> new ArrayList<>()).add(rate);
					}
					System.out.printf("%-7s %-40s %,10.0f events/s%n", (run == 0) ? "warm-up" : "run " + run, variant,
							rate);
				}
			}
			double baseline = Median.of(rates.get(variants.get(0)));
			System.out.println();
			System.out.println("| variant | median events/s | runs | vs first |");
			System.out.println("|---|---:|---|---:|");
			for (String variant : variants) {
				double median = Median.of(rates.get(variant));
				System.out.printf("| %s | %,.0f | %s | %.2f |%n", variant, median, rates.get(variant), median / baseline);
			}
		}
		finally {
			broker.close();
		}
		// only after a run that ended well: the logs there tell why one did not
		WorkFolder.remove(work);
	}

	/** A store JVM of its own with a new data directory, as ./tributary runs it. */
	static LocalStoreProcess startStore() throws IOException {
		List<String> jvmOptions = new ArrayList<>(LocalStoreProcess.SUITE_JVM_OPTIONS);
		if (System.getProperty("bench.storeJfr") != null) {
			jvmOptions.add("-XX:StartFlightRecording=filename=" + System.getProperty("bench.storeJfr") + ",settings=profile");
		}
		return LocalStoreProcess.start(Files.createTempDirectory(work, "store-"), jvmOptions, List.of());
	}

	static double run(String bootstrap, Map<String, String> topics, String variant, Admin admin) throws Exception {
		String id = UUID.randomUUID().toString().substring(0, 8);
		String group = "bench-" + id;
		LocalStoreProcess store = startStore();
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.kafka.bootstrap-servers=" + bootstrap,
				"--spring.mongodb.uri=" + store.uri("bench_" + id),
				"--tributary.security.api-keys=bench-api-key-0123456789", "--spring.kafka.listener.auto-startup=false",
				"--tributary.warehouse.consumer.group-id=" + group, "--logging.level.root=WARN"));
		topics.forEach((role, topic) -> arguments.add("--tributary.topics." + property(role) + "=" + topic));
		for (String setting : variant.split(",")) {
			arguments.add("--tributary.warehouse.consumer." + setting);
		}
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WarehouseApplication.class)
			.run(arguments.toArray(String[]::new))) {
			MessageListenerContainer container = context.getBean("warehouse", MessageListenerContainer.class);
			long total = endOffsets(admin, topics);
			long start = System.nanoTime();
			container.start();
			while (committed(admin, group) < total) {
				Thread.sleep(100);
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			container.stop();
			return total / seconds;
		}
		finally {
			store.close();
		}
	}

	static Map<String, String> createTopics(Admin admin) throws Exception {
		Map<String, String> topics = new HashMap<>();
		List<NewTopic> created = new ArrayList<>();
		for (String role : ROLES) {
			String topic = "bench_" + role;
			topics.put(role, topic);
			created.add(new NewTopic(topic, 6, (short) 1));
			created.add(new NewTopic(topic + "_dlt", 6, (short) 1));
		}
		admin.createTopics(created).all().get();
		Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
		created.forEach((topic) -> {
			for (int p = 0; p < 6; p++) {
				partitions.put(new TopicPartition(topic.name(), p), OffsetSpec.latest());
			}
		});
		for (int attempt = 0;; attempt++) {
			try {
				admin.listOffsets(partitions).all().get();
				return topics;
			}
			catch (Exception ex) {
				if (attempt > 600) {
					throw ex;
				}
				Thread.sleep(200);
			}
		}
	}

	static void preload(String bootstrap, Map<String, String> topics, int count) throws Exception {
		TestEvents generator = new TestEvents(42, "bench");
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				bootstrap, ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
				ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), new StringSerializer())) {
			List<java.util.concurrent.Future<?>> sends = new ArrayList<>();
			for (TestEvent event : generator.mixed(count)) {
				sends.add(producer.send(new ProducerRecord<>(topics.get(event.role()), event.key(), event.json())));
			}
			producer.flush();
			for (var send : sends) {
				send.get();
			}
		}
	}

	static long endOffsets(Admin admin, Map<String, String> topics) throws Exception {
		Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
		for (String topic : topics.values()) {
			for (int p = 0; p < 6; p++) {
				partitions.put(new TopicPartition(topic, p), OffsetSpec.latest());
			}
		}
		return admin.listOffsets(partitions).all().get().values().stream().mapToLong((info) -> info.offset()).sum();
	}

	static long committed(Admin admin, String group) throws Exception {
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

}
