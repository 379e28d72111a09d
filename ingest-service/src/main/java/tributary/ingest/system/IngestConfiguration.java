package tributary.ingest.system;

import java.time.Clock;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/** The service's wiring: the producer and the clock. */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * Values are written with the application's JSON mapper and without type headers: the
	 * topic's schema, not a Java class name, says what a record holds.
	 */
	@Bean
	@SuppressWarnings("unchecked")
	DefaultKafkaProducerFactoryCustomizer jsonValues(JsonMapper mapper) {
		return (factory) -> ((DefaultKafkaProducerFactory<String, JsonNode>) factory)
			.setValueSerializer(new JacksonJsonSerializer<JsonNode>(mapper).noTypeInfo());
	}

	@Bean
	@SuppressWarnings("unchecked")
	KafkaEventPublisher eventPublisher(ProducerFactory<?, ?> producerFactory, IngestMetrics metrics) {
		return new KafkaEventPublisher((ProducerFactory<String, JsonNode>) producerFactory, metrics);
	}

}
