package tributary.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link LocalStore} with its durable file backend started as a separate JVM on a free
 * port, as {@code ./tributary} runs it: for benchmarks, which measure the store's CPU
 * apart from the client's, and for tests that kill it and start it again on the same
 * data.
 */
public final class LocalStoreProcess implements AutoCloseable {

	/** The store JVM's options as {@code ./tributary} starts it. */
	public static final List<String> SUITE_JVM_OPTIONS = List.of("-Xms256m", "-Xmx1g", "-XX:+UseG1GC");

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(15);

	private final Process process;

	private final int port;

	private final Path logFile;

	private LocalStoreProcess(Process process, int port, Path logFile) {
		this.process = process;
		this.port = port;
		this.logFile = logFile;
	}

	/**
	 * Starts the store on a free loopback port with its data in {@code dataDir} and waits
	 * until it takes connections.
	 * @param dataDir where the store keeps its data; its log is written beside it
	 * ({@code <dataDir>.log}, appended to by every start on the same data)
	 * @param jvmOptions the store JVM's options ({@link #SUITE_JVM_OPTIONS} as the suite
	 * runs it)
	 * @param storeArguments further arguments of {@link LocalStore#main}, such as
	 * {@code --cache-mb 4}
	 * @return the running store
	 */
	public static LocalStoreProcess start(Path dataDir, List<String> jvmOptions, List<String> storeArguments) {
		try {
			Files.createDirectories(dataDir);
			int port = ChildJvm.freePort();
			Path logFile = dataDir.resolveSibling(dataDir.getFileName() + ".log");
			List<String> command = new ArrayList<>();
			command.add(ChildJvm.javaExecutable());
			command.addAll(jvmOptions);
			command.addAll(List.of("-Dlogback.configurationFile=tributary/local/logback-local.xml", "-cp",
					ChildJvm.classpath(), LocalStore.class.getName(), "--data-dir", dataDir.toString(), "--port",
					Integer.toString(port)));
			command.addAll(storeArguments);
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
				.start();
			LocalStoreProcess store = new LocalStoreProcess(process, port, logFile);
			store.awaitReady();
			return store;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the local store", ex);
		}
	}

	/** The store JVM's process id, for a benchmark that reads its CPU time. */
	public long pid() {
		return this.process.pid();
	}

	/** The port the store listens on, on 127.0.0.1. */
	public int port() {
		return this.port;
	}

	/**
	 * A connection string for one database of the store.
	 * @param database the database
	 * @return {@code mongodb://127.0.0.1:<port>/<database>}
	 */
	public String uri(String database) {
		return "mongodb://127.0.0.1:" + this.port + "/" + database;
	}

	/** The store's own log, to read when a run fails. */
	public Path logFile() {
		return this.logFile;
	}

	/**
	 * Kills the store with SIGKILL, as a crash would: no shutdown hook runs and nothing
	 * more is committed. Returns once the JVM has ended.
	 */
	public void kill() {
		this.process.destroyForcibly();
		try {
			if (!this.process.waitFor(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException(
						"The local store did not end within " + SHUTDOWN_TIMEOUT + " of SIGKILL");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the killed store to end", ex);
		}
	}

	/**
	 * Sends SIGTERM, waits for the store to close its files and kills the JVM if it does
	 * not end in time.
	 */
	@Override
	public void close() {
		ChildJvm.stop(this.process, SHUTDOWN_TIMEOUT);
	}

	private void awaitReady() throws IOException {
		Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						"The local store exited during start-up:\n" + ChildJvm.logTail(this.logFile));
			}
			try (Socket socket = new Socket("127.0.0.1", this.port)) {
				return;
			}
			catch (IOException ex) {
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException interrupted) {
					close();
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while waiting for the local store", interrupted);
				}
			}
		}
		close();
		throw new IllegalStateException("The local store did not take connections within " + STARTUP_TIMEOUT + ":\n"
				+ ChildJvm.logTail(this.logFile));
	}

}
