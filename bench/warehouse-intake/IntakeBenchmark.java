import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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
 * The store is the H2-file-backed embedded store in its own JVM, as ./tributary runs it.
 *
 * Usage: bench/run warehouse-intake [events] [runs]
 */
public class IntakeBenchmark {

	static final String[] ROLES = { "post", "weather", "feedback", "sentiment" };

	public static void main(String[] args) throws Exception {
		int events = (args.length > 0) ? Integer.parseInt(args[0]) : 200_000;
		int runs = (args.length > 1) ? Integer.parseInt(args[1]) : 3;
		Path work = Files.createTempDirectory("warehouse-bench-");
		LocalKafkaProcess broker = LocalKafkaProcess.start(work.resolve("kafka"));
		int storePort = freePort();
		List<String> storeCommand = new ArrayList<>(List.of(javaExecutable(), "-Xmx1g"));
		if (System.getProperty("bench.storeJfr") != null) {
			storeCommand.add("-XX:StartFlightRecording=filename=" + System.getProperty("bench.storeJfr") + ",settings=profile");
		}
		storeCommand.addAll(List.of("-cp", System.getProperty("java.class.path"), "tributary.local.LocalStore",
				"--data-dir", work.resolve("store").toString(), "--port", Integer.toString(storePort)));
		Process store = new ProcessBuilder(storeCommand)
			.redirectErrorStream(true)
			.redirectOutput(work.resolve("store.log").toFile())
			.start();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
			Map<String, String> topics = createTopics(admin);
			preload(broker.bootstrapServers(), topics, events);
			System.out.printf("Pre-loaded %,d events on %s; store (H2 file) on port %d in %s%n", events,
					broker.bootstrapServers(), storePort, work);
			List<String> variants = List.of("concurrency=3,max-poll-records=2000",
					"concurrency=1,max-poll-records=2000");
			Map<String, List<Double>> rates = new HashMap<>();
			for (int run = 0; run < runs; run++) {
				for (String variant : variants) {
					double rate = run(broker.bootstrapServers(), storePort, topics, variant, admin);
					rates.computeIfAbsent(variant, (key) -> new ArrayList<>()).add(rate);
					System.out.printf("run %d %-40s %,10.0f events/s%n", run + 1, variant, rate);
				}
			}
			double baseline = median(rates.get(variants.get(0)));
			System.out.println();
			System.out.println("| variant | median events/s | runs | vs first |");
			System.out.println("|---|---:|---|---:|");
			for (String variant : variants) {
				double median = median(rates.get(variant));
				System.out.printf("| %s | %,.0f | %s | %.2f |%n", variant, median, rates.get(variant), median / baseline);
			}
		}
		finally {
			store.destroy();
			broker.close();
		}
	}

	static double run(String bootstrap, int storePort, Map<String, String> topics, String variant, Admin admin)
			throws Exception {
		String id = UUID.randomUUID().toString().substring(0, 8);
		String group = "bench-" + id;
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.kafka.bootstrap-servers=" + bootstrap,
				"--spring.mongodb.uri=mongodb://127.0.0.1:" + storePort + "/bench_" + id,
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

	static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
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
