package tributary.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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

	private static final String CLASSPATH_RESOURCE = "META-INF/tributary/local-stack.classpath";

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
			int port = freePort();
			int controllerPort = freePort();
			Path logFile = dataDir.resolve("broker.log");
			List<String> command = new ArrayList<>();
			command.add(javaExecutable());
			command.addAll(jvmOptions);
			command.addAll(List.of("-Dlogback.configurationFile=tributary/local/logback-local.xml", "-cp", classpath(),
					LocalKafka.class.getName(), "--data-dir", dataDir.toString(), "--port", Integer.toString(port),
					"--controller-port", Integer.toString(controllerPort)));
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
		if (!this.process.isAlive()) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(SHUTDOWN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	private void awaitReady() {
		Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				2000))) {
			while (Instant.now().isBefore(deadline)) {
				if (!this.process.isAlive()) {
					throw new IllegalStateException("The local Kafka broker exited during start-up:\n" + logTail());
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
		throw new IllegalStateException(
				"The local Kafka broker did not answer within " + STARTUP_TIMEOUT + ":\n" + logTail());
	}

	private String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.logFile, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
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

	static String classpath() throws IOException {
		Path ownLocation;
		try {
			ownLocation = Path.of(LocalKafka.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (java.net.URISyntaxException ex) {
			throw new IOException(ex);
		}
		try (var in = LocalKafka.class.getClassLoader().getResourceAsStream(CLASSPATH_RESOURCE)) {
			if (in == null) {
				throw new IOException("Missing " + CLASSPATH_RESOURCE + ": build local-stack with Maven first");
			}
			String dependencies = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
			return ownLocation + java.io.File.pathSeparator + dependencies;
		}
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}

}
