package tributary.warehouse;

import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import tributary.testsupport.Infrastructure;

import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The test JVM's store for tests that write to it without an application context: one
 * client, a fresh database per test.
 */
public final class TestStore {

	private TestStore() {
	}

	/**
	 * A database no other test uses.
	 * @param prefix what the test is about, for the database's name
	 * @return a template on a new, empty database
	 */
	public static MongoTemplate freshDatabase(String prefix) {
		return new MongoTemplate(client(), prefix + "-" + UUID.randomUUID());
	}

	/** The shared client, closed when the JVM exits. */
	public static MongoClient client() {
		return Client.INSTANCE;
	}

	private static final class Client {

		static final MongoClient INSTANCE = MongoClients.create(Infrastructure.mongoUri("unused"));

		static {
			Runtime.getRuntime().addShutdownHook(new Thread(INSTANCE::close, "test-store-close"));
		}

	}

}
