package tributary.testsupport;

import org.testcontainers.mongodb.MongoDBContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

/**
 * The MongoDB container shared by every test of the JVM, for
 * {@code @ImportTestcontainers}.
 */
final class MongoContainers {

	@ServiceConnection
	static final MongoDBContainer MONGO = start(new MongoDBContainer(DockerImageName.parse("mongo:8.0")));

	private MongoContainers() {
	}

	private static MongoDBContainer start(MongoDBContainer container) {
		container.start();
		return container;
	}

}
