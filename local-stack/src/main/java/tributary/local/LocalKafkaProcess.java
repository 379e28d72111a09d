package tributary.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * A {@link LocalKafka} broker started as a separate JVM on free ports, for tests.
 *
 * <p>
 * The broker runs in a JVM of its own so that its dependencies (Scala, Jackson 2, its
 * logging) never meet the application under test, exactly as in production.
 */
public final class LocalKafkaProcess implements AutoCloseable {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(15);

	private final Process process;

	private final int port;

	private final Path logFile;

	private LocalKafkaProcess(Process process, int port, Path logFile) {
		this.process = process;
		this.port = port;
		this.logFile = logFile;
	}

	/**
	 * Formats storage in {@code dataDir}, starts the broker on free loopback ports and
	 * waits until it answers.
	 * @param dataDir where the broker keeps its log segments
	 * @return the running broker
	 */
	public static LocalKafkaProcess start(Path dataDir) {
		return start(dataDir, List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
	}

	/**
	 * Starts the broker as {@link #start(Path)} does, with the given JVM options instead
	 * of the tests' (a small heap, the serial collector and only the C1 compiler, which
	 * start fastest): a benchmark passes a full JIT so that the broker is not what it
	 * measures.
	 * @param dataDir where the broker keeps its log segments
	 * @param jvmOptions the broker JVM's options
	 * @return the running broker
	 */
	public static LocalKafkaProcess start(Path dataDir, List<String> jvmOptions) {
		try {
			Files.createDirectories(dataDir);
			int port = ChildJvm.freePort();
			int controllerPort = ChildJvm.freePort();
			Path logFile = dataDir.resolve("broker.log");
			List<String> command = new ArrayList<>();
			command.add(ChildJvm.javaExecutable());
			// The broker reads snappy and zstd batches with native code (Java 24+ warns
			// otherwise).
			command.add("--enable-native-access=ALL-UNNAMED");
			command.addAll(jvmOptions);
			command.addAll(List.of("-Dlogback.configurationFile=tributary/local/logback-local.xml", "-cp",
					ChildJvm.classpath(), LocalKafka.class.getName(), "--data-dir", dataDir.toString(), "--port",
					Integer.toString(port), "--controller-port", Integer.toString(controllerPort)));
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(logFile.toFile())
				.start();
			LocalKafkaProcess broker = new LocalKafkaProcess(process, port, logFile);
			Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "local-kafka-shutdown"));
			broker.awaitReady();
			return broker;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the local Kafka broker", ex);
		}
	}

	/** The broker JVM's process id, for a benchmark that reads its CPU time. */
	public long pid() {
		return this.process.pid();
	}

	/** The {@code host:port} clients bootstrap from. */
	public String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	/** The broker's own log, to read when a test fails. */
	public Path logFile() {
		return this.logFile;
	}

	/**
	 * Sends SIGTERM, waits for a controlled shutdown and kills the JVM if it does not end
	 * in time.
	 */
	@Override
	public void close() {
		ChildJvm.stop(this.process, SHUTDOWN_TIMEOUT);
	}

	private void awaitReady() {
		Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				2000))) {
			while (Instant.now().isBefore(deadline)) {
				if (!this.process.isAlive()) {
					throw new IllegalStateException(
							"The local Kafka broker exited during start-up:\n" + ChildJvm.logTail(this.logFile));
				}
				try {
					admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes().get();
					return;
				}
				catch (Exception ex) {
					sleepBriefly();
				}
			}
		}
		close();
		throw new IllegalStateException("The local Kafka broker did not answer within " + STARTUP_TIMEOUT + ":\n"
				+ ChildJvm.logTail(this.logFile));
	}

	private static void sleepBriefly() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the broker", ex);
		}
	}

}
