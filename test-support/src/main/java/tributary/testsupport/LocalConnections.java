package tributary.testsupport;

import java.util.List;

import com.mongodb.ConnectionString;

import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Connection details of the local broker and store, the way a service connection would
 * give them.
 */
final class LocalConnections {

	private LocalConnections() {
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Kafka {

		@Bean
		KafkaConnectionDetails localKafkaConnectionDetails() {
			String bootstrapServers = Infrastructure.kafkaBootstrapServers();
			return () -> List.of(bootstrapServers);
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Mongo {

		@Bean
		MongoConnectionDetails localMongoConnectionDetails() {
			ConnectionString connectionString = new ConnectionString(Infrastructure.mongoUri("tributary"));
			return () -> connectionString;
		}

	}

}
