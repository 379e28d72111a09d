package tributary.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import tributary.local.LocalKafkaProcess;
import tributary.local.LocalStore;

/**
 * The test JVM's one Kafka broker and one MongoDB-compatible store, started on first use
 * and stopped when the JVM exits.
 *
 * <p>
 * The source is Docker containers when a Docker engine answers, the local stack
 * otherwise; {@code TRIBUTARY_TEST_INFRASTRUCTURE} (or the system property
 * {@code tributary.test.infrastructure}) set to {@code containers} or {@code local}
 * forces one.
 */
public final class Infrastructure {

	private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);

	/** Where the broker and the store come from. */
	public enum Source {

		/** Testcontainers: {@code apache/kafka} and {@code mongo:8}. */
		CONTAINERS,
		/** The project's own broker in a separate JVM and the embedded store. */
		LOCAL

	}

	private static volatile @Nullable Source source;

	private Infrastructure() {
	}

	/** The source this JVM uses, decided once. */
	public static Source source() {
		Source decided = source;
		if (decided == null) {
			synchronized (Infrastructure.class) {
				decided = source;
				if (decided == null) {
					decided = decide();
					source = decided;
					log.info("Integration tests use {} for Kafka and MongoDB", decided);
				}
			}
		}
		return decided;
	}

	private static Source decide() {
		String forced = System.getProperty("tributary.test.infrastructure",
				System.getenv().getOrDefault("TRIBUTARY_TEST_INFRASTRUCTURE", "auto"));
		return switch (forced.toLowerCase(Locale.ROOT)) {
			case "containers" -> Source.CONTAINERS;
			case "local" -> Source.LOCAL;
			case "auto" -> DockerClientFactory.instance().isDockerAvailable() ? Source.CONTAINERS : Source.LOCAL;
			default -> throw new IllegalStateException(
					"TRIBUTARY_TEST_INFRASTRUCTURE must be auto, containers or local but was " + forced);
		};
	}

	/** The broker's bootstrap servers, starting it if needed. */
	public static String kafkaBootstrapServers() {
		return (source() == Source.CONTAINERS) ? KafkaContainers.KAFKA.getBootstrapServers()
				: LocalBroker.INSTANCE.bootstrapServers();
	}

	/**
	 * A connection string to the store, starting it if needed.
	 * @param database the database to name in it
	 * @return a {@code mongodb://} URI
	 */
	public static String mongoUri(String database) {
		if (source() == Source.CONTAINERS) {
			return MongoContainers.MONGO.getReplicaSetUrl(database);
		}
		return LocalMongo.INSTANCE.uri(database);
	}

	/** Holder: the local broker starts when first asked for. */
	private static final class LocalBroker {

		static final LocalKafkaProcess INSTANCE = start();

		private static LocalKafkaProcess start() {
			try {
				Path dir = Files.createTempDirectory("tributary-test-kafka-");
				LocalKafkaProcess broker = LocalKafkaProcess.start(dir);
				log.info("Local Kafka broker for tests at {} (log: {})", broker.bootstrapServers(), broker.logFile());
				return broker;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	/** Holder: the embedded store starts when first asked for. */
	private static final class LocalMongo {

		static final LocalStore INSTANCE = start();

		private static LocalStore start() {
			LocalStore store = LocalStore.inMemory();
			Runtime.getRuntime().addShutdownHook(new Thread(store::close, "local-store-shutdown"));
			return store;
		}

	}

}
