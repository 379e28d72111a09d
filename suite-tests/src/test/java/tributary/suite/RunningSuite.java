package tributary.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tributary.testsupport.process.Command;

/**
 * The suite started by {@code ./tributary up --detach} on free ports, once per test JVM,
 * and stopped by {@code ./tributary down} when the JVM exits.
 *
 * <p>
 * Nothing here starts a process differently from the script: what these tests see is what
 * a newcomer gets.
 */
public final class RunningSuite {

	/** A JVM option the suite gives every service, through TRIBUTARY_JAVA_OPTS. */
	public static final String ALL_SERVICES_OPTION = "-Dtributary.suite-test.options=all";

	/**
	 * A JVM option the suite gives the sentiment service alone, through
	 * TRIBUTARY_SENTIMENT_JAVA_OPTS: it comes after {@link #ALL_SERVICES_OPTION}, so
	 * wins.
	 */
	public static final String SENTIMENT_OPTION = "-Dtributary.suite-test.options=sentiment";

	/** The API key the suite is started with. */
	public static final String API_KEY = "suite-test-key-0123456789abcdef";

	private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(5);

	private static @Nullable RunningSuite instance;

	private static @Nullable RuntimeException startFailure;

	private final Path root;

	private final Path dataDir;

	private final Map<String, Integer> ports;

	private RunningSuite(Path root, Path dataDir, Map<String, Integer> ports) {
		this.root = root;
		this.dataDir = dataDir;
		this.ports = ports;
	}

	/**
	 * The suite of this JVM, started on first use; a failed start fails every later call
	 * too.
	 */
	public static synchronized RunningSuite get() {
		if (startFailure != null) {
			throw new IllegalStateException("The suite failed to start earlier", startFailure);
		}
		if (instance == null) {
			RunningSuite suite = create();
			Runtime.getRuntime().addShutdownHook(new Thread(suite::downQuietly, "suite-down"));
			try {
				suite.up();
			}
			catch (RuntimeException ex) {
				startFailure = ex;
				throw ex;
			}
			instance = suite;
		}
		return instance;
	}

	private static RunningSuite create() {
		Path root = Path.of("").toAbsolutePath();
		while (root != null && !Files.isRegularFile(root.resolve("tributary"))) {
			root = root.getParent();
		}
		if (root == null) {
			throw new IllegalStateException("The tests must run inside the repository: no ./tributary found");
		}
		try {
			Path dataDir = Files.createTempDirectory(root.resolve("suite-tests/target"), "suite-");
			Map<String, Integer> ports = new HashMap<>();
			for (String name : List.of("KAFKA", "KAFKA_CONTROLLER", "STORE", "INGEST", "SENTIMENT", "WAREHOUSE",
					"ALERTS")) {
				ports.put(name, freePort());
			}
			return new RunningSuite(root, dataDir, Map.copyOf(ports));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts the suite in the background and waits until the script says it is healthy.
	 */
	public void up() {
		run("up", "--detach");
	}

	/** Stops the suite; its data stays. */
	public void down() {
		run("down");
	}

	private void downQuietly() {
		try {
			down();
		}
		catch (RuntimeException ex) {
			System.err.println("Stopping the suite failed: " + ex.getMessage());
		}
	}

	/**
	 * Runs {@code ./tributary} with this suite's environment.
	 * @param args the command and its options
	 * @return what the script printed
	 */
	public String run(String... args) {
		List<String> command = new java.util.ArrayList<>(List.of("bash", this.root.resolve("tributary").toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.root.toFile()).redirectErrorStream(true);
		Map<String, String> env = builder.environment();
		env.put("TRIBUTARY_DATA_DIR", this.dataDir.toString());
		env.put("TRIBUTARY_SECURITY_API_KEYS", API_KEY);
		env.put("TRIBUTARY_NO_BUILD", "1");
		// Harmless system properties: a test checks which options reach which JVM.
		env.put("TRIBUTARY_JAVA_OPTS", ALL_SERVICES_OPTION);
		env.put("TRIBUTARY_SENTIMENT_JAVA_OPTS", SENTIMENT_OPTION);
		env.put("JAVA_HOME", System.getProperty("java.home"));
		this.ports.forEach((name, port) -> env.put("TRIBUTARY_" + name + "_PORT", Integer.toString(port)));
		Command.Finished finished = Command.run(builder, "", SCRIPT_TIMEOUT);
		if (!finished.inTime()) {
			throw new IllegalStateException("./tributary " + String.join(" ", args) + " did not finish in time");
		}
		if (finished.exitCode() != 0) {
			throw new IllegalStateException("./tributary " + String.join(" ", args) + " failed (" + finished.exitCode()
					+ "):\n" + finished.output());
		}
		return finished.output();
	}

	public String ingestUrl() {
		return "http://127.0.0.1:" + this.ports.get("INGEST");
	}

	public String sentimentUrl() {
		return "http://127.0.0.1:" + this.ports.get("SENTIMENT");
	}

	public String warehouseUrl() {
		return "http://127.0.0.1:" + this.ports.get("WAREHOUSE");
	}

	public String alertsUrl() {
		return "http://127.0.0.1:" + this.ports.get("ALERTS");
	}

	/** The base URLs of the four services, by service name. */
	public Map<String, String> serviceUrls() {
		return Map.of("ingest-service", ingestUrl(), "sentiment-service", sentimentUrl(), "warehouse-service",
				warehouseUrl(), "alerts-service", alertsUrl());
	}

	public String kafkaBootstrapServers() {
		return "127.0.0.1:" + this.ports.get("KAFKA");
	}

	public String mongoUri() {
		return "mongodb://127.0.0.1:" + this.ports.get("STORE") + "/tributary";
	}

	public Path dataDir() {
		return this.dataDir;
	}

	public Path root() {
		return this.root;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
