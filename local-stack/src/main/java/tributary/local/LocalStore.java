package tributary.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import tributary.local.h2.IncompatibleStoreFile;
import tributary.local.h2.ValueOrderedH2Backend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded MongoDB-compatible store (mongo-java-server), speaking the MongoDB wire
 * protocol on the loopback interface.
 *
 * <p>
 * With a data folder it keeps its data in an H2 MVStore file and acknowledges a write
 * only once it is committed and synced to that file, so what it acknowledged survives
 * {@code kill -9} and power loss; concurrent writers share each sync. Without one it
 * keeps everything in memory, which is what tests want. Either way its unique indexes
 * order keys by value ({@link ValueOrderedH2Backend}).
 */
public final class LocalStore implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LocalStore.class);

	private final MongoServer server;

	private final InetSocketAddress address;

	private LocalStore(H2Backend backend, String host, int port) {
		this.server = new MongoServer(backend);
		this.server.bind(host, port);
		this.address = this.server.getLocalAddress();
	}

	/**
	 * Starts a store that keeps its data in {@code dataDir/store.mv}.
	 * @param dataDir folder for the data file, created if needed
	 * @param port the port to listen on, {@code 0} for any free one
	 * @return the running store
	 * @throws IOException if the folder cannot be created
	 * @throws IncompatibleStoreFile if the file was written in a format this version
	 * cannot use, with what to do
	 */
	public static LocalStore persistent(Path dataDir, int port) throws IOException {
		return persistent(dataDir, port, true);
	}

	/**
	 * Starts a store that keeps its data in {@code dataDir/store.mv}.
	 * @param dataDir folder for the data file, created if needed
	 * @param port the port to listen on, {@code 0} for any free one
	 * @param sync whether a write is acknowledged only once it is synced to the file;
	 * {@code false} acknowledges at once and lets H2 write in the background, losing up
	 * to about a second of acknowledged writes to a crash
	 * @return the running store
	 * @throws IOException if the folder cannot be created
	 * @throws IncompatibleStoreFile if the file was written in a format this version
	 * cannot use, with what to do
	 */
	public static LocalStore persistent(Path dataDir, int port, boolean sync) throws IOException {
		return persistent(dataDir, port, sync, ValueOrderedH2Backend.DEFAULT_CACHE_MB);
	}

	/**
	 * Starts a store that keeps its data in {@code dataDir/store.mv}.
	 * @param dataDir folder for the data file, created if needed
	 * @param port the port to listen on, {@code 0} for any free one
	 * @param sync whether a write is acknowledged only once it is synced to the file, see
	 * {@link #persistent(Path, int, boolean)}
	 * @param cacheMb the size of the file's page cache in MB, at least 1
	 * ({@link ValueOrderedH2Backend#DEFAULT_CACHE_MB} by default)
	 * @return the running store
	 * @throws IOException if the folder cannot be created
	 * @throws IllegalArgumentException if {@code cacheMb} is less than 1
	 * @throws IncompatibleStoreFile if the file was written in a format this version
	 * cannot use, with what to do
	 */
	public static LocalStore persistent(Path dataDir, int port, boolean sync, int cacheMb) throws IOException {
		Files.createDirectories(dataDir);
		return new LocalStore(ValueOrderedH2Backend.open(dataDir.resolve("store.mv"), sync, cacheMb), "127.0.0.1",
				port);
	}

	/**
	 * Starts a store that keeps its data in memory, on any free port.
	 * @return the running store
	 */
	public static LocalStore inMemory() {
		return new LocalStore(ValueOrderedH2Backend.inMemory(), "127.0.0.1", 0);
	}

	/**
	 * The URI clients connect with, for {@code spring.mongodb.uri}.
	 * @param database the database name to put in the URI
	 * @return a {@code mongodb://} URI
	 */
	public String uri(String database) {
		return "mongodb://" + this.address.getHostString() + ":" + this.address.getPort() + "/" + database;
	}

	public int port() {
		return this.address.getPort();
	}

	/** Stops listening, closes the clients, commits the data file and closes it. */
	@Override
	public void close() {
		this.server.shutdownNow();
	}

	/**
	 * Runs the store until SIGTERM or Ctrl-C.
	 * @param args {@code --data-dir DIR --port N [--sync true|false] [--cache-mb N]},
	 * {@code --sync} {@code true} by default, {@code --cache-mb}
	 * {@value ValueOrderedH2Backend#DEFAULT_CACHE_MB}
	 * @throws Exception if the store cannot start
	 */
	public static void main(String[] args) throws Exception {
		Arguments arguments = Arguments.parse(args);
		Path dataDir = arguments.path("data-dir");
		int port = arguments.integer("port", 27017);
		boolean sync = arguments.bool("sync", true);
		int cacheMb = arguments.integer("cache-mb", ValueOrderedH2Backend.DEFAULT_CACHE_MB);
		LocalStore store = persistent(dataDir, port, sync, cacheMb);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			log.info("Stopping the store and committing {}", dataDir);
			store.close();
			stopped.countDown();
		}, "store-shutdown"));
		if (sync) {
			log.info("Store ready on {} with data in {}", store.uri(""), dataDir);
		}
		else {
			log.warn("Store ready on {} with data in {}, acknowledging writes before they are on disk (--sync false)",
					store.uri(""), dataDir);
		}
		stopped.await();
	}

}
