package tributary.testsupport;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

/**
 * The Kafka container shared by every test of the JVM, for {@code @ImportTestcontainers}.
 */
final class KafkaContainers {

	@ServiceConnection
	static final KafkaContainer KAFKA = start(new KafkaContainer(DockerImageName.parse("apache/kafka:4.2.1")));

	private KafkaContainers() {
	}

	private static KafkaContainer start(KafkaContainer container) {
		container.start();
		return container;
	}

}
