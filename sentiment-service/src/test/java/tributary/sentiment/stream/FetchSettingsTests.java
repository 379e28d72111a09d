package tributary.sentiment.stream;

import java.io.IOException;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each poll of posts is one transaction, whose cost to the broker does not depend on how
 * many posts it holds: the service's own configuration makes a fetch wait for 256 KB or
 * 250 ms, and each of the two can be changed through the environment without touching the
 * other services that share it.
 */
class FetchSettingsTests {

	@Test
	void aFetchWaitsFor256KilobytesOr250MillisecondsByDefault() throws IOException {
		Map<String, Object> consumer = consumerProperties(Map.of());

		assertThat(consumer).containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 256 * 1024)
			.containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 250);
	}

	@Test
	void eachSettingComesFromItsOwnEnvironmentVariable() throws IOException {
		Map<String, Object> consumer = consumerProperties(
				Map.of("TRIBUTARY_SENTIMENT_FETCH_MIN_SIZE", "64KB", "TRIBUTARY_SENTIMENT_FETCH_MAX_WAIT", "100ms"));

		assertThat(consumer).containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024)
			.containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
	}

	private static Map<String, Object> consumerProperties(Map<String, Object> environment) throws IOException {
		StandardEnvironment env = new StandardEnvironment();
		// Only the file and the given variables: not this machine's own environment.
		env.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		env.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		env.getPropertySources().addFirst(new MapPropertySource("environment", environment));
		for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yml",
				new ClassPathResource("application.yml"))) {
			env.getPropertySources().addLast(source);
		}
		KafkaProperties kafka = Binder.get(env).bindOrCreate("spring.kafka", KafkaProperties.class);
		return kafka.buildConsumerProperties();
	}

}
