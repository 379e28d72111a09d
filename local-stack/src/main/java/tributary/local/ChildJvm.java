package tributary.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What starting the broker or the store as a JVM of its own takes: the java command, the
 * local stack's class path, free ports, a bounded stop and the tail of its log.
 */
final class ChildJvm {

	private static final String CLASSPATH_RESOURCE = "META-INF/tributary/local-stack.classpath";

	private ChildJvm() {
	}

	/** The java command of the running JDK. */
	static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * The local stack's runtime class path, which its build writes beside its classes.
	 * @return this module's classes and its dependencies
	 * @throws IOException if the build did not write it
	 */
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

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}

	/**
	 * Sends SIGTERM, waits for the JVM to end and kills it if it does not in time.
	 * @param process the JVM
	 * @param timeout how long it may take to shut down
	 */
	static void stop(Process process, Duration timeout) {
		if (!process.isAlive()) {
			return;
		}
		process.destroy();
		try {
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	/** The last 40 lines of a log, for an error message. */
	static String logTail(Path logFile) {
		try {
			List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

}
