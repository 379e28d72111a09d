package tributary.warehouse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;
import tributary.testsupport.process.Command;
import tributary.testsupport.Infrastructure;
import tributary.warehouse.TestEvents.TestEvent;

import org.springframework.test.context.DynamicPropertyRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One test's own topics, consumer group and database on the shared broker and store, and
 * what the test does with them: publish as ingest would, publish with kcat, read dead
 * letters, wait until the warehouse has committed everything.
 */
public final class TestBroker implements AutoCloseable {

	public final String suffix = "_" + UUID.randomUUID().toString().substring(0, 8);

	public final String group = "warehouse" + this.suffix;

	public final String database = "warehouse" + this.suffix;

	private final Map<String, String> topics = Map.of("post", "social_media" + this.suffix, "weather",
			"weather_data" + this.suffix, "feedback", "customer_feedback" + this.suffix, "sentiment",
			"customer_sentiment" + this.suffix, "alert", "weather_alerts" + this.suffix);

	private final Map<String, String> eventTypes = Map.of("post", "post", "weather", "weather-reading", "feedback",
			"feedback", "sentiment", "sentiment", "alert", "alert");

	private final KafkaProducer<String, String> producer;

	private final KafkaProducer<byte[], byte[]> bytes;

	private final List<Future<RecordMetadata>> sends = new ArrayList<>();

	private final Admin admin;

	public TestBroker() {
		String servers = Infrastructure.kafkaBootstrapServers();
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ProducerConfig.LINGER_MS_CONFIG, 5),
				new StringSerializer(), new StringSerializer());
		this.bytes = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
				ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024), new ByteArraySerializer(),
				new ByteArraySerializer());
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers));
	}

	/** The service's properties for these topics, group and database. */
	public void register(DynamicPropertyRegistry registry) {
		registry.add("tributary.topics.social-media", () -> topic("post"));
		registry.add("tributary.topics.weather-data", () -> topic("weather"));
		registry.add("tributary.topics.customer-feedback", () -> topic("feedback"));
		registry.add("tributary.topics.customer-sentiment", () -> topic("sentiment"));
		registry.add("tributary.topics.weather-alerts", () -> topic("alert"));
		registry.add("tributary.topics.partitions", () -> 4);
		registry.add("tributary.warehouse.consumer.group-id", () -> this.group);
		registry.add("spring.mongodb.database", () -> this.database);
	}

	/** The same settings as command-line arguments, for a service in another JVM. */
	public List<String> arguments() {
		return List.of("--tributary.topics.social-media=" + topic("post"),
				"--tributary.topics.weather-data=" + topic("weather"),
				"--tributary.topics.customer-feedback=" + topic("feedback"),
				"--tributary.topics.customer-sentiment=" + topic("sentiment"),
				"--tributary.topics.weather-alerts=" + topic("alert"), "--tributary.topics.partitions=4",
				"--tributary.warehouse.consumer.group-id=" + this.group,
				"--spring.kafka.bootstrap-servers=" + Infrastructure.kafkaBootstrapServers(),
				"--spring.mongodb.uri=" + Infrastructure.mongoUri(this.database));
	}

	public String topic(String role) {
		return this.topics.get(role);
	}

	public List<String> topics() {
		return List.copyOf(this.topics.values());
	}

	/** Creates the topics and their dead-letter topics ahead of a service. */
	public void createTopics() throws ExecutionException, InterruptedException {
		List<NewTopic> topics = new ArrayList<>();
		for (String topic : this.topics.values()) {
			topics.add(new NewTopic(topic, 4, (short) 1));
			topics.add(new NewTopic(topic + "_dlt", 4, (short) 1));
		}
		this.admin.createTopics(topics).all().get();
		awaitServing();
	}

	/**
	 * Waits until every partition of the topics and their dead-letter topics answers: a
	 * new partition's leader may take a while to serve, longer on a loaded machine.
	 */
	public void awaitServing() {
		Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
		for (String topic : this.topics.values()) {
			for (int partition = 0; partition < 4; partition++) {
				partitions.put(new TopicPartition(topic, partition), OffsetSpec.latest());
				partitions.put(new TopicPartition(topic + "_dlt", partition), OffsetSpec.latest());
			}
		}
		await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(200))
			.ignoreExceptions()
			.until(() -> this.admin.listOffsets(partitions).all().get() != null);
	}

	/** Publishes events the way ingest and sentiment do: keyed, with headers. */
	public void publish(List<TestEvent> events) {
		for (TestEvent event : events) {
			publish(event.role(), event.key(), event.json());
		}
		flush();
	}

	public void publish(String role, String key, String value) {
		ProducerRecord<String, String> record = new ProducerRecord<>(topic(role), key, value);
		record.headers().add("event-type", this.eventTypes.get(role).getBytes(StandardCharsets.UTF_8));
		record.headers().add("schema-version", "1".getBytes(StandardCharsets.UTF_8));
		this.sends.add(this.producer.send(record));
	}

	/**
	 * Writes raw bytes to one partition of a role's topic, without headers, the way any
	 * client may; records up to twice the broker's default size limit leave the client.
	 */
	public void publishBytes(String role, int partition, String key, byte[] value) {
		this.sends.add(this.bytes
			.send(new ProducerRecord<>(topic(role), partition, key.getBytes(StandardCharsets.UTF_8), value)));
	}

	/** Waits until the broker has acknowledged every record sent so far. */
	public void flush() {
		this.producer.flush();
		this.bytes.flush();
		try {
			for (Future<RecordMetadata> send : this.sends) {
				send.get();
			}
		}
		catch (ExecutionException | InterruptedException ex) {
			// The cause's words in the message: a build's summary shows no stack trace.
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new IllegalStateException("A test record did not reach the broker: " + cause, ex);
		}
		this.sends.clear();
	}

	/**
	 * Writes values to a topic with kcat, one per line, without key or headers,
	 * compressed with the given codec ({@code none}, {@code gzip}, {@code snappy},
	 * {@code lz4} or {@code zstd}). Fails when kcat is not installed:
	 * {@code apt-get install -y kcat}.
	 */
	public void publishWithKcat(String role, String codec, List<String> values)
			throws IOException, InterruptedException {
		runClient(String.join("\n", values).concat("\n"), "kcat", "-P", "-b", Infrastructure.kafkaBootstrapServers(),
				"-t", topic(role), "-z", codec);
	}

	/**
	 * Writes values to a topic with the Python Kafka client (kafka-python, Debian's
	 * {@code python3-kafka}), each keyed by its event's key, without headers. Fails when
	 * the client is not installed.
	 */
	public void publishWithPython(String role, List<TestEvent> events) throws IOException, InterruptedException {
		String script = """
				import sys
				from kafka import KafkaProducer
				producer = KafkaProducer(bootstrap_servers=sys.argv[1], acks="all")
				for line in sys.stdin:
				    key, _, value = line.rstrip("\\n").partition("\\t")
				    producer.send(sys.argv[2], key=key.encode(), value=value.encode())
				producer.flush()
				producer.close()
				""";
		// Debian's package goes to the system interpreter,
		// whatever python3 is first on the PATH.
		String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
		StringBuilder lines = new StringBuilder();
		events.forEach((event) -> lines.append(event.key()).append('\t').append(event.json()).append('\n'));
		runClient(lines.toString(), python, "-c", script, Infrastructure.kafkaBootstrapServers(), topic(role));
	}

	/**
	 * Runs a client with its input on stdin and fails unless it ends well within 60 s.
	 */
	private static void runClient(String input, String... command) {
		Command.succeed(new ProcessBuilder(command), input, Duration.ofSeconds(60));
	}

	/** Records left to commit by the group: 0 once the warehouse has taken everything. */
	public long lag() throws ExecutionException, InterruptedException {
		return uncommitted().values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * Per partition of this test's topics that has records the group has not committed,
	 * how many.
	 */
	public Map<TopicPartition, Long> uncommitted() throws ExecutionException, InterruptedException {
		Map<TopicPartition, OffsetAndMetadata> committed = this.admin.listConsumerGroupOffsets(this.group)
			.partitionsToOffsetAndMetadata()
			.get();
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		for (String topic : this.topics.values()) {
			for (int partition = 0; partition < 4; partition++) {
				latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
			}
		}
		Map<TopicPartition, Long> uncommitted = new TreeMap<>(
				Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
		for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : this.admin.listOffsets(latest)
			.all()
			.get()
			.entrySet()) {
			OffsetAndMetadata done = committed.get(end.getKey());
			long left = end.getValue().offset() - ((done != null) ? done.offset() : 0);
			if (left != 0) {
				uncommitted.put(end.getKey(), left);
			}
		}
		return uncommitted;
	}

	/**
	 * Waits until the group has committed every record of this test's topics. If it does
	 * not in time, the failure says which partitions lag, which member of the group holds
	 * each, and what the listener threads of this JVM are doing: a consumer stuck after a
	 * fault shows where.
	 * @param atMost how long to wait
	 */
	public void awaitAllCommitted(Duration atMost) {
		try {
			await().atMost(atMost)
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(500))
				.until(() -> lag() == 0);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("Records left to commit after " + atMost + ": " + uncommittedNow()
					+ "\nGroup members: " + members() + "\n" + listenerThreads(), ex);
		}
	}

	private String uncommittedNow() {
		try {
			return uncommitted().toString();
		}
		catch (ExecutionException | InterruptedException ex) {
			return "(could not read the offsets: " + ex + ")";
		}
	}

	/** How many consumers the group has now, with or without partitions. */
	public int groupSize() throws Exception {
		return groupMembers().size();
	}

	private Collection<MemberDescription> groupMembers() throws Exception {
		return this.admin.describeConsumerGroups(List.of(this.group))
			.all()
			.get(10, TimeUnit.SECONDS)
			.get(this.group)
			.members();
	}

	private String members() {
		try {
			return groupMembers().stream()
				.map((member) -> member.clientId() + " " + member.assignment().topicPartitions())
				.toList()
				.toString();
		}
		catch (Exception ex) {
			return "(could not describe the group: " + ex + ")";
		}
	}

	/**
	 * The stacks of the threads of this JVM that run a listener container (none when the
	 * warehouse runs in another process). They are virtual threads on JDK 21 and newer,
	 * which only the JDK's thread dump shows, so that is taken (by reflection: the tests
	 * are compiled for 17) and cut to the threads in a container's code.
	 */
	private static String listenerThreads() {
		try {
			Path file = Files.createTempFile("threads-", ".txt");
			Files.delete(file);
			Class<?> bean = Class.forName("com.sun.management.HotSpotDiagnosticMXBean");
			Class<?> format = Class.forName("com.sun.management.HotSpotDiagnosticMXBean$ThreadDumpFormat");
			Object diagnostics = java.lang.management.ManagementFactory
				.getPlatformMXBean(bean.asSubclass(java.lang.management.PlatformManagedObject.class));
			bean.getMethod("dumpThreads", String.class, format)
				.invoke(diagnostics, file.toString(),
						Arrays.stream(format.getEnumConstants())
							.filter((constant) -> ((Enum<?>) constant).name().equals("TEXT_PLAIN"))
							.findFirst()
							.orElseThrow());
			String dump = Files.readString(file);
			Files.delete(file);
			StringBuilder listeners = new StringBuilder();
			for (String thread : dump.split("\\n\\s*\\n")) {
				if (thread.contains("org.springframework.kafka.listener")) {
					// where it waits, and the frames of the container and this service's
					// code
					List<String> lines = thread.lines().toList();
					for (int i = 0; i < lines.size(); i++) {
						String line = lines.get(i);
						if (i < 8 || line.contains("tributary.") || line.contains("springframework.kafka.listener")) {
							listeners.append(line).append('\n');
						}
					}
					listeners.append('\n');
				}
			}
			return listeners.isEmpty() ? "(no listener threads in this JVM)" : listeners.toString();
		}
		catch (ReflectiveOperationException | IOException | RuntimeException ex) {
			return "(no thread dump: " + ex + ")";
		}
	}

	/** Moves the group back to the start of every topic: a full replay. */
	public void rewindGroup() throws ExecutionException, InterruptedException {
		Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
		for (String topic : this.topics.values()) {
			for (int partition = 0; partition < 4; partition++) {
				start.put(new TopicPartition(topic, partition), new OffsetAndMetadata(0));
			}
		}
		this.admin.alterConsumerGroupOffsets(this.group, start).all().get();
	}

	/** Every record in the dead-letter topic of a role's topic, read from the start. */
	public List<ConsumerRecord<byte[], byte[]>> deadLetters(String role, int atLeast) {
		String topic = topic(role) + "_dlt";
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic)
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (records.size() < atLeast && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(500)).forEach(records::add);
			}
			consumer.poll(Duration.ofMillis(500)).forEach(records::add);
			return records;
		}
	}

	public static String header(ConsumerRecord<?, ?> record, String name) {
		var header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	@Override
	public void close() {
		this.producer.close();
		this.bytes.close();
		this.admin.close();
	}

}
