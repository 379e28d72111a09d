package tributary.ingest.publishing;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.ingest.system.IngestMetrics;
import tributary.support.topics.TopicsProperties;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;

/** The producer the events are published with, and the publisher around it. */
@Configuration(proxyBeanMethods = false)
class PublishingConfiguration {

	private static final Logger log = LoggerFactory.getLogger(PublishingConfiguration.class);

	private static final Duration LIMIT_LOOKUP = Duration.ofSeconds(2);

	private static final int DEFAULT_MAX_REQUEST_SIZE = 1048576;

	private static final int COMPRESSION_MARGIN = 1024;

	/**
	 * Values arrive as JSON already written on the request's thread
	 * ({@code RecordWriter}), and go out without type headers: the topic's schema, not a
	 * Java class name, says what a record holds.
	 */
	@Bean
	@SuppressWarnings("unchecked")
	DefaultKafkaProducerFactoryCustomizer jsonValues() {
		return (factory) -> ((DefaultKafkaProducerFactory<String, byte[]>) factory)
			.setValueSerializer(new ByteArraySerializer());
	}

	/**
	 * The publisher, whose producer refuses at once an event larger than the broker takes
	 * ({@link RecordSizeLimit}), so that such an event fails alone.
	 */
	@Bean
	@SuppressWarnings("unchecked")
	KafkaEventPublisher eventPublisher(ProducerFactory<?, ?> producerFactory, IngestMetrics metrics, KafkaAdmin admin,
			TopicsProperties topics) {
		if (producerFactory instanceof DefaultKafkaProducerFactory<?, ?> factory) {
			List<String> written = List.of(topics.socialMedia(), topics.weatherData(), topics.customerFeedback());
			RecordSizeLimit.lookUp(admin.getConfigurationProperties(), written, LIMIT_LOOKUP)
				.ifPresent((limit) -> limitRequests(factory, limit));
		}
		return new KafkaEventPublisher((ProducerFactory<String, byte[]>) producerFactory, metrics);
	}

	/**
	 * The metadata of the topics events go to, fetched before the web server takes
	 * requests.
	 */
	@Bean
	TopicMetadataWarmUp topicMetadataWarmUp(KafkaEventPublisher publisher, TopicsProperties topics) {
		return new TopicMetadataWarmUp(List.of(topics.socialMedia(), topics.weatherData(), topics.customerFeedback()),
				publisher::fetchMetadata);
	}

	/**
	 * The largest record the producer takes for a broker that takes batches of at most
	 * {@code brokerLimit} bytes. The producer measures a record uncompressed, the broker
	 * its batch compressed, and incompressible data grows under every codec by a few
	 * bytes a block (lz4 4 per 64 KiB, snappy about 10 per 32 KiB, zstd 3 per 128 KiB)
	 * and the stream's header: a kilobyte below the broker's limit, or 1/2048 of it when
	 * that is more.
	 * @param brokerLimit the broker's limit in bytes
	 * @return the producer's limit in bytes
	 */
	static int producerLimit(int brokerLimit) {
		return brokerLimit - Math.max(COMPRESSION_MARGIN, brokerLimit / 2048);
	}

	private static void limitRequests(DefaultKafkaProducerFactory<?, ?> factory, int brokerLimit) {
		Object configured = factory.getConfigurationProperties().get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
		int current = (configured != null) ? Integer.parseInt(configured.toString()) : DEFAULT_MAX_REQUEST_SIZE;
		int limit = producerLimit(brokerLimit);
		if (limit > 0 && limit < current) {
			log.info("Limiting the producer's max.request.size to {} bytes: the broker takes at most {}", limit,
					brokerLimit);
			factory.updateConfigs(Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, limit));
		}
	}

}
