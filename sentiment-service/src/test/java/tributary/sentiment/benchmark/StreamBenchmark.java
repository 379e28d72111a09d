package tributary.sentiment.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;
import tributary.local.LocalKafkaProcess;
import tributary.testsupport.bench.Median;

/**
 * Measures the stream end to end: posts pre-loaded on social_media of a local broker
 * started on free ports, the service started as its own JVM (the packaged jar), timed
 * until the consumer group has committed every post, which happens in the same
 * transactions that publish the scored records.
 *
 * <p>
 * Each run uses a fresh consumer group and output topic over the same input, so runs are
 * alike. The CPU time of the service and the broker is taken from the operating system
 * over each run, to see where the two cores go. Variants (e.g. other settings) are run
 * interleaved, run 1 of each, then run 2 of each, so that the load of a shared machine
 * falls on all of them alike. Arguments: {@code --jar PATH [--posts 200000] [--runs 3]
 * [--variants 'label=--some.property=x --other=y;label2=...'] [--jfr] [--out DIR]}.
 */
public final class StreamBenchmark {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Path jar;

	private final int posts;

	private final int runs;

	private final Map<String, List<String>> variants;

	private final boolean jfr;

	private final Path out;

	private StreamBenchmark(Map<String, String> arguments) {
		this.jar = Path.of(require(arguments, "jar"));
		this.posts = Integer.parseInt(arguments.getOrDefault("posts", "200000"));
		this.runs = Integer.parseInt(arguments.getOrDefault("runs", "3"));
		this.variants = variants(arguments.getOrDefault("variants", "default="));
		this.jfr = arguments.containsKey("jfr");
		this.out = Path.of(arguments.getOrDefault("out", "target/benchmark"));
	}

	public static void main(String[] args) throws Exception {
		new StreamBenchmark(parse(args)).run();
	}

	private void run() throws Exception {
		Files.createDirectories(this.out);
		Path data = Files.createTempDirectory("tributary-benchmark-kafka-");
		try (LocalKafkaProcess broker = LocalKafkaProcess.start(data)) {
			String bootstrap = broker.bootstrapServers();
			System.out.printf("Broker at %s (log %s)%n", bootstrap, broker.logFile());
			List<String> texts = texts();
			createTopics(bootstrap, List.of("social_media", "social_media_dlt"));
			Instant loadStart = Instant.now();
			load(bootstrap, texts);
			System.out.printf("Loaded %,d posts (%d distinct texts) in %s%n", this.posts, texts.size(),
					Duration.between(loadStart, Instant.now()));
			Map<String, List<Result>> results = new java.util.LinkedHashMap<>();
			int sequence = 0;
			for (int run = 1; run <= this.runs; run++) {
				for (Map.Entry<String, List<String>> variant : this.variants.entrySet()) {
					sequence++;
					Result result = measure(bootstrap, sequence, variant.getKey(), variant.getValue(),
							this.jfr && run == this.runs);
					System.out.println(result);
					results.computeIfAbsent(variant.getKey(), (key) -> new ArrayList<>()).add(result);
				}
			}
			double baseline = Double.NaN;
			for (Map.Entry<String, List<Result>> variant : results.entrySet()) {
				double steady = Median.of(variant.getValue(), Result::steadyRate);
				double wall = Median.of(variant.getValue(), Result::wallRate);
				double serviceMicros = Median.of(variant.getValue(), Result::serviceMicrosPerPost);
				double brokerMicros = Median.of(variant.getValue(), Result::brokerMicrosPerPost);
				double resident = Median.of(variant.getValue(), (result) -> result.memory().residentMb());
				double peak = Median.of(variant.getValue(), (result) -> result.memory().peakResidentMb());
				double load = Median.of(variant.getValue(), Result::scorerLoadMillis);
				baseline = Double.isNaN(baseline) ? steady : baseline;
				System.out.printf(Locale.ROOT,
						"MEDIAN %s: steady %.0f posts/s (x%.2f of %s), including start-up %.0f posts/s; CPU per post:"
								+ " service %.1f us, broker %.1f us; service RSS %.0f MB (peak %.0f MB); scorer"
								+ " loaded in %.0f ms; over %d runs%n",
						variant.getKey(), steady, steady / baseline, results.keySet().iterator().next(), wall,
						serviceMicros, brokerMicros, resident, peak, load, variant.getValue().size());
			}
		}
	}

	private static Map<String, List<String>> variants(String spec) {
		Map<String, List<String>> variants = new java.util.LinkedHashMap<>();
		for (String variant : spec.split(";")) {
			int equals = variant.indexOf('=');
			String label = variant.substring(0, equals).trim();
			String arguments = variant.substring(equals + 1).trim();
			variants.put(label, arguments.isEmpty() ? List.of() : List.of(arguments.split("\\s+")));
		}
		return variants;
	}

	private Result measure(String bootstrap, int run, String label, List<String> settings, boolean withJfr)
			throws Exception {
		String output = "customer_sentiment_run" + run;
		String group = "sentiment-benchmark-" + run;
		createTopics(bootstrap, List.of(output, output + "_dlt"));
		List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xms512m", "-Xmx512m"));
		if (withJfr) {
			command.add("-XX:StartFlightRecording=settings=profile,filename="
					+ this.out.resolve("service-run" + run + ".jfr").toAbsolutePath());
		}
		command.addAll(List.of("-jar", this.jar.toString(), "--spring.kafka.bootstrap-servers=" + bootstrap,
				"--server.port=0", "--spring.main.banner-mode=off", "--tributary.topics.social-media=social_media",
				"--tributary.topics.customer-sentiment=" + output, "--tributary.sentiment.stream.group-id=" + group,
				"--tributary.security.api-keys=benchmark-key-0123456789", "--logging.level.root=WARN",
				// The scorer's load time is logged at INFO.
				"--logging.level.tributary.sentiment.system=INFO"));
		command.addAll(settings);
		Path log = this.out.resolve("service-run" + run + ".log");
		Instant launched = Instant.now();
		Process service = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try (Admin admin = admin(bootstrap)) {
			Instant first = null;
			long atFirst = 0;
			Cpu cpuAtFirst = null;
			Instant deadline = launched.plus(Duration.ofMinutes(5));
			while (true) {
				long done = committed(admin, group);
				Instant now = Instant.now();
				if (first == null && done > 0) {
					first = now;
					atFirst = done;
					cpuAtFirst = Cpu.of(service);
				}
				if (done >= this.posts) {
					Cpu cpu = Cpu.of(service).minus(cpuAtFirst);
					Memory memory = Memory.of(service);
					verify(bootstrap, output);
					return new Result(run, label, this.posts, Duration.between(launched, now), atFirst,
							Duration.between(first, now), cpu, memory, scorerLoadMillis(log));
				}
				if (!service.isAlive() || now.isAfter(deadline)) {
					throw new IllegalStateException("Run " + run + " did not finish; see " + log);
				}
				Thread.sleep(50);
			}
		}
		finally {
			service.destroy();
			if (!service.waitFor(30, TimeUnit.SECONDS)) {
				service.destroyForcibly();
			}
		}
	}

	/** Reads the output as a read_committed consumer: exactly one record per post. */
	private void verify(String bootstrap, String output) {
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ISOLATION_LEVEL_CONFIG,
						"read_committed", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
				new StringDeserializer(), new StringDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(output)
				.stream()
				.map((info) -> new TopicPartition(output, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			Set<String> ids = new HashSet<>();
			long records = 0;
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < ends.get(partition))) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					records++;
					ids.add(json.readTree(record.value()).get("postId").stringValue());
				}
			}
			if (records != this.posts || ids.size() != this.posts) {
				throw new IllegalStateException("Expected " + this.posts + " records with distinct post ids on "
						+ output + " but found " + records + " records with " + ids.size() + " ids");
			}
		}
	}

	private static long committed(Admin admin, String group) throws Exception {
		Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
			.partitionsToOffsetAndMetadata()
			.get(10, TimeUnit.SECONDS);
		return offsets.values().stream().filter((offset) -> offset != null).mapToLong(OffsetAndMetadata::offset).sum();
	}

	private void load(String bootstrap, List<String> texts) throws Exception {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 20,
						ProducerConfig.BATCH_SIZE_CONFIG, 262144, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
				new StringSerializer(), new StringSerializer())) {
			for (int i = 0; i < this.posts; i++) {
				String author = "author-" + (i % 5000);
				String text = texts.get(i % texts.size());
				Map<String, Object> post = Map.of("id", "bench-" + i, "platform", "twitter", "author", author, "text",
						text, "createdAt", "2026-11-20T09:15:00Z", "lang", "en", "location", "Berlin", "productId",
						"hp-" + (i % 100), "ingestedAt", "2026-11-20T09:15:01.250Z");
				producer.send(new ProducerRecord<>("social_media", author, json.writeValueAsString(post)));
			}
			producer.flush();
		}
		try (Admin admin = admin(bootstrap)) {
			long loaded = 0;
			for (int partition = 0; partition < 6; partition++) {
				loaded += admin.listOffsets(Map.of(new TopicPartition("social_media", partition), OffsetSpec.latest()))
					.all()
					.get()
					.values()
					.iterator()
					.next()
					.offset();
			}
			if (loaded != this.posts) {
				throw new IllegalStateException("Loaded " + loaded + " posts instead of " + this.posts);
			}
		}
	}

	/**
	 * The tweets of the VADER ground truth when present beside the checkout (realistic
	 * lengths; {@code -Dtributary.dataset} names another copy), else made-up ones.
	 */
	private static List<String> texts() throws IOException {
		// bench/sentiment-service/run.sh runs this from the repository's root.
		Path tweets = Path
			.of(System.getProperty("tributary.dataset", "../shared/datasets/vader-tweets/tweets_GroundTruth.txt"));
		if (Files.isReadable(tweets)) {
			return Files.readAllLines(tweets, StandardCharsets.UTF_8)
				.stream()
				.map((line) -> line.split("\t", 3))
				.filter((fields) -> fields.length == 3)
				.map((fields) -> fields[2])
				.toList();
		}
		return List.of("The new headphones are sooo good 🔥 #blessed", "Delivery was late again.",
				"Not bad at all, but the battery could be better", "WORST support ever!!! never again 😡",
				"It arrived on Tuesday.", "kinda love it tbh 😂💯");
	}

	private static void createTopics(String bootstrap, List<String> names) throws Exception {
		try (Admin admin = admin(bootstrap)) {
			admin.createTopics(names.stream().map((name) -> new NewTopic(name, 6, (short) 1)).toList())
				.all()
				.get(30, TimeUnit.SECONDS);
		}
	}

	private static Admin admin(String bootstrap) {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static Map<String, String> parse(String[] args) {
		Map<String, String> arguments = new java.util.HashMap<>();
		for (int i = 0; i < args.length; i++) {
			String name = args[i].replaceFirst("^--", "");
			boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
			arguments.put(name, flag ? "true" : args[++i]);
		}
		return arguments;
	}

	private static String require(Map<String, String> arguments, String name) {
		String value = arguments.get(name);
		if (value == null) {
			throw new IllegalArgumentException("--" + name + " is required");
		}
		return value;
	}

	/**
	 * CPU time of the service and of the broker (this JVM's other child).
	 *
	 * @param service seconds of CPU used by the service
	 * @param broker seconds of CPU used by the broker
	 */
	private record Cpu(double service, double broker) {

		static Cpu of(Process service) {
			double broker = ProcessHandle.current()
				.children()
				.filter((child) -> child.pid() != service.pid())
				.mapToDouble(Cpu::seconds)
				.sum();
			return new Cpu(seconds(service.toHandle()), broker);
		}

		private static double seconds(ProcessHandle process) {
			Optional<Duration> cpu = process.info().totalCpuDuration();
			return cpu.map((duration) -> duration.toNanos() / 1e9).orElse(Double.NaN);
		}

		Cpu minus(Cpu earlier) {
			return new Cpu(this.service - earlier.service, this.broker - earlier.broker);
		}

	}

	/**
	 * How long the service took to load its scorer, as it logged it
	 * ({@code EngineConfiguration}), or -1.
	 */
	private static long scorerLoadMillis(Path log) throws IOException {
		Pattern loaded = Pattern.compile("Scoring with the .* loaded in (\\d+) ms");
		for (String line : Files.readAllLines(log)) {
			Matcher matcher = loaded.matcher(line);
			if (matcher.find()) {
				return Long.parseLong(matcher.group(1));
			}
		}
		return -1;
	}

	/**
	 * The service's resident memory as the OS counts it ({@code /proc/<pid>/status}), in
	 * MB: now and at its peak; NaN where there is no {@code /proc}.
	 */
	private record Memory(double residentMb, double peakResidentMb) {

		static Memory of(Process process) {
			Path status = Path.of("/proc", Long.toString(process.pid()), "status");
			try {
				double resident = Double.NaN;
				double peak = Double.NaN;
				for (String line : Files.readAllLines(status)) {
					if (line.startsWith("VmRSS:")) {
						resident = kilobytes(line) / 1024;
					}
					else if (line.startsWith("VmHWM:")) {
						peak = kilobytes(line) / 1024;
					}
				}
				return new Memory(resident, peak);
			}
			catch (IOException ex) {
				return new Memory(Double.NaN, Double.NaN);
			}
		}

		private static double kilobytes(String line) {
			return Double.parseDouble(line.replaceAll("[^0-9]", ""));
		}

	}

	/**
	 * One run.
	 *
	 * @param run its number
	 * @param label its variant
	 * @param posts posts processed
	 * @param sinceLaunch from starting the service's JVM to the last commit
	 * @param atFirst posts committed when the first commit was seen
	 * @param steady from the first commit seen to the last
	 * @param cpu CPU used by the service and the broker over the steady part
	 * @param memory the service's resident memory when the last post was committed
	 * @param scorerLoadMillis how long the service took to load its scorer at start-up
	 */
	private record Result(int run, String label, int posts, Duration sinceLaunch, long atFirst, Duration steady,
			Cpu cpu, Memory memory, long scorerLoadMillis) {

		double serviceMicrosPerPost() {
			return this.cpu.service * 1e6 / (this.posts - this.atFirst);
		}

		double brokerMicrosPerPost() {
			return this.cpu.broker * 1e6 / (this.posts - this.atFirst);
		}

		double steadyRate() {
			return (this.posts - this.atFirst) / (this.steady.toNanos() / 1e9);
		}

		double wallRate() {
			return this.posts / (this.sinceLaunch.toNanos() / 1e9);
		}

		@Override
		public String toString() {
			double seconds = this.steady.toNanos() / 1e9;
			return String.format(Locale.ROOT,
					"run %d (%s): %,d posts; steady %.0f posts/s (%.2f s after the first commit); including JVM"
							+ " start %.0f posts/s (%.2f s); CPU over the steady part: service %.2f cores (%.1f us/post),"
							+ " broker %.2f cores (%.1f us/post); service RSS %.0f MB (peak %.0f MB); scorer loaded in"
							+ " %d ms; load average %.1f",
					this.run, this.label, this.posts, steadyRate(), seconds, wallRate(),
					this.sinceLaunch.toNanos() / 1e9, this.cpu.service / seconds, serviceMicrosPerPost(),
					this.cpu.broker / seconds, brokerMicrosPerPost(), this.memory.residentMb,
					this.memory.peakResidentMb, this.scorerLoadMillis,
					java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		}

	}

}
