package tributary.testsupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.context.ImportTestcontainers;

/** {@code @ServiceConnection}s to the shared containers. */
final class ContainerConnections {

	private ContainerConnections() {
	}

	@TestConfiguration(proxyBeanMethods = false)
	@ImportTestcontainers(KafkaContainers.class)
	static class Kafka {

	}

	@TestConfiguration(proxyBeanMethods = false)
	@ImportTestcontainers(MongoContainers.class)
	static class Mongo {

	}

}
