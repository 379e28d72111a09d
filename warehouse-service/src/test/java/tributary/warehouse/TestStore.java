package tributary.warehouse;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.UUID;
import java.util.function.BiFunction;

import com.mongodb.MongoCommandException;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.conversions.Bson;
import tributary.testsupport.Infrastructure;

import org.springframework.data.mongodb.MongoDatabaseFactory;
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

	/**
	 * The same database behind a template whose store does not know the {@code bulkWrite}
	 * command, as MongoDB before 8.0.
	 * @param mongo a template on the database
	 * @return a template on the same database
	 */
	public static MongoTemplate withoutBulkWrite(MongoTemplate mongo) {
		return withAdminCommands(mongo, (admin, command) -> {
			throw new MongoCommandException(new BsonDocument("ok", new BsonInt32(0)).append("code", new BsonInt32(59))
				.append("codeName", new BsonString("CommandNotFound"))
				.append("errmsg", new BsonString("no such command: 'bulkWrite'")), new ServerAddress());
		});
	}

	/**
	 * The same database behind a template whose {@code bulkWrite} commands to
	 * {@code admin} are answered by {@code bulkWrite}.
	 * @param mongo a template on the database
	 * @param bulkWrite the admin database and the command to its reply
	 * @return a template on the same database
	 */
	public static MongoTemplate withAdminCommands(MongoTemplate mongo,
			BiFunction<MongoDatabase, Bson, Document> bulkWrite) {
		return new MongoTemplate(client(), mongo.getDb().getName()) {
			@Override
			public MongoDatabaseFactory getMongoDatabaseFactory() {
				return intercepted(super.getMongoDatabaseFactory(), bulkWrite);
			}
		};
	}

	/**
	 * A factory whose {@code admin} database answers {@code bulkWrite} by
	 * {@code bulkWrite}.
	 * @param factory the factory
	 * @param bulkWrite the admin database and the command to its reply
	 * @return the factory intercepted
	 */
	public static MongoDatabaseFactory intercepted(MongoDatabaseFactory factory,
			BiFunction<MongoDatabase, Bson, Document> bulkWrite) {
		return proxy(MongoDatabaseFactory.class, factory, (method, arguments) -> {
			if (method.equals("getMongoDatabase") && arguments != null && arguments.length == 1
					&& "admin".equals(arguments[0])) {
				MongoDatabase admin = factory.getMongoDatabase("admin");
				return proxy(MongoDatabase.class, admin, (inner, innerArguments) -> {
					if (inner.equals("runCommand") && innerArguments != null && innerArguments.length == 1
							&& innerArguments[0] instanceof Bson command
							&& command.toBsonDocument().containsKey("bulkWrite")) {
						return bulkWrite.apply(admin, command);
					}
					return NOT_INTERCEPTED;
				});
			}
			return NOT_INTERCEPTED;
		});
	}

	private static final Object NOT_INTERCEPTED = new Object();

	@FunctionalInterface
	private interface Interception {

		Object apply(String method, Object[] arguments) throws Throwable;

	}

	@SuppressWarnings("unchecked")
	private static <T> T proxy(Class<T> type, T target, Interception interception) {
		return (T) Proxy.newProxyInstance(TestStore.class.getClassLoader(), new Class<?>[] { type },
				(proxy, method, arguments) -> {
					Object intercepted = interception.apply(method.getName(), arguments);
					if (intercepted != NOT_INTERCEPTED) {
						return intercepted;
					}
					try {
						return method.invoke(target, arguments);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
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
