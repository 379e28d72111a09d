package tributary.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Apache Kafka broker in KRaft mode (broker and controller in one process)
 * on the loopback interface.
 *
 * <p>
 * The storage is formatted on first start ({@code --standalone}) and kept across
 * restarts. The controller port chosen at format time is recorded, because the KRaft
 * voter set remembers it.
 */
public final class LocalKafka {

	private static final Logger log = LoggerFactory.getLogger(LocalKafka.class);

	static final String CONTROLLER_PORT_FILE = "controller.port";

	private LocalKafka() {
	}

	/**
	 * Starts the broker and blocks until it is shut down (SIGTERM or Ctrl-C).
	 * @param args {@code --data-dir DIR --port N --controller-port N [--partitions N]}
	 * @throws IOException if the data folder cannot be written
	 */
	public static void main(String[] args) throws IOException {
		Arguments arguments = Arguments.parse(args);
		Path dataDir = arguments.path("data-dir");
		int port = arguments.integer("port", 9092);
		int controllerPort = arguments.integer("controller-port", 9093);
		int partitions = arguments.integer("partitions", 6);
		Path propertiesFile = prepare(dataDir, port, controllerPort, partitions);
		log.info("Starting Kafka broker on 127.0.0.1:{} with data in {}", port, dataDir);
		kafka.Kafka.main(new String[] { propertiesFile.toString() });
	}

	/**
	 * Writes {@code server.properties} and formats the storage if it was never formatted.
	 * @return the properties file to start the broker with
	 */
	static Path prepare(Path dataDir, int port, int requestedControllerPort, int partitions) throws IOException {
		Files.createDirectories(dataDir);
		Path logDir = dataDir.resolve("kafka-logs");
		boolean formatted = Files.exists(logDir.resolve("meta.properties"));
		int controllerPort = formatted ? recordedControllerPort(dataDir, requestedControllerPort)
				: requestedControllerPort;
		Path propertiesFile = dataDir.resolve("server.properties");
		writeProperties(propertiesFile, serverProperties(logDir, port, controllerPort, partitions));
		if (!formatted) {
			format(propertiesFile);
			Files.writeString(dataDir.resolve(CONTROLLER_PORT_FILE), Integer.toString(controllerPort));
		}
		return propertiesFile;
	}

	private static int recordedControllerPort(Path dataDir, int requested) throws IOException {
		Path file = dataDir.resolve(CONTROLLER_PORT_FILE);
		if (!Files.exists(file)) {
			return requested;
		}
		int recorded = Integer.parseInt(Files.readString(file).trim());
		if (recorded != requested) {
			log.warn("The storage in {} was formatted with controller port {}; keeping it instead of {}", dataDir,
					recorded, requested);
		}
		return recorded;
	}

	static Map<String, String> serverProperties(Path logDir, int port, int controllerPort, int partitions) {
		Map<String, String> properties = new TreeMap<>();
		properties.put("process.roles", "broker,controller");
		properties.put("node.id", "1");
		properties.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
		properties.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
		properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
		properties.put("controller.listener.names", "CONTROLLER");
		properties.put("inter.broker.listener.name", "PLAINTEXT");
		properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		properties.put("log.dirs", logDir.toAbsolutePath().toString());
		properties.put("num.partitions", Integer.toString(partitions));
		// Topics come from the services' provisioning, never from a typo in a client.
		properties.put("auto.create.topics.enable", "false");
		// One node: every internal topic has one replica.
		properties.put("offsets.topic.replication.factor", "1");
		properties.put("offsets.topic.num.partitions", "6");
		properties.put("transaction.state.log.replication.factor", "1");
		properties.put("transaction.state.log.min.isr", "1");
		properties.put("transaction.state.log.num.partitions", "6");
		properties.put("share.coordinator.state.topic.replication.factor", "1");
		properties.put("share.coordinator.state.topic.min.isr", "1");
		// A developer's consumer should not wait three seconds
		// for a group that has one member.
		properties.put("group.initial.rebalance.delay.ms", "0");
		properties.put("log.retention.hours", "168");
		return properties;
	}

	private static void writeProperties(Path file, Map<String, String> values) throws IOException {
		Properties properties = new Properties();
		properties.putAll(values);
		try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			properties.store(out,
					"Written by Tributary's local stack on every start; edit the launcher, not this file");
		}
	}

	private static void format(Path propertiesFile) {
		String clusterId = Uuid.randomUuid().toString();
		log.info("Formatting Kafka storage (cluster id {})", clusterId);
		PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
		int status = StorageTool.execute(new String[] { "format", "--standalone", "--cluster-id", clusterId, "--config",
				propertiesFile.toString() }, out);
		if (status != 0) {
			throw new IllegalStateException("Formatting the Kafka storage failed with status " + status);
		}
	}

}
