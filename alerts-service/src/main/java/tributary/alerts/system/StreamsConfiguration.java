package tributary.alerts.system;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.alerts.topology.AlertMetrics;
import tributary.alerts.topology.AlertTopology;
import tributary.support.topics.DeclaredTopics;
import tributary.support.topics.TopicsProperties;

import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.annotation.KafkaStreamsDefaultConfiguration;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/**
 * The Kafka Streams client, wired the Spring Kafka way: {@code @EnableKafkaStreams} makes
 * a {@code StreamsBuilderFactoryBean} from the {@link KafkaStreamsConfiguration} built
 * here, the topology is added to its {@link StreamsBuilder}, and Spring Boot adds the
 * {@code KafkaStreamsMicrometerListener} that publishes Streams' metrics.
 *
 * <p>
 * The configuration starts from Spring Boot's ({@code spring.kafka.*}, so connection
 * details and tuning still apply) and sets here in code what exactly-once depends on,
 * where no environment variable can switch it off: {@code exactly_once_v2} (which also
 * makes the consumers read_committed and the producers idempotent and transactional).
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
class StreamsConfiguration {

	private static final Logger log = LoggerFactory.getLogger(StreamsConfiguration.class);

	@Bean(name = KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_CONFIG_BEAN_NAME)
	KafkaStreamsConfiguration defaultKafkaStreamsConfig(KafkaProperties kafka, KafkaConnectionDetails connection,
			AlertsProperties alerts, TopicsProperties topics) {
		Map<String, Object> config = kafka.buildStreamsProperties();
		// Where the broker is comes from the connection details, as for Boot's own
		// clients: spring.kafka.bootstrap-servers, or a test's @ServiceConnection.
		KafkaConnectionDetails.Configuration streamsConnection = connection.getStreams();
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", streamsConnection.getBootstrapServers()));
		if (streamsConnection.getSecurityProtocol() != null) {
			config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, streamsConnection.getSecurityProtocol());
		}
		AlertsProperties.Streams streams = alerts.streams();
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, streams.applicationId());
		config.put(StreamsConfig.STATE_DIR_CONFIG, streams.stateDir().toString());
		config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streams.threads());
		config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
		String instanceId = streams.instanceId();
		if (instanceId != null) {
			// Static membership: a restarted instance resumes its tasks at once
			// (AlertsProperties).
			config.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instanceId);
		}
		// Explicit although exactly_once_v2 implies it: the inputs are read as committed.
		config.put(StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
		// Internal topics (changelogs, repartition) as safe as the suite's own topics.
		config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) topics.replicationFactor());
		// A dead letter is its record plus headers; the dead-letter topics take 2 MiB.
		config.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
				DeclaredTopics.DEAD_LETTER_MAX_MESSAGE_BYTES);
		return new KafkaStreamsConfiguration(config);
	}

	@Bean
	AlertMetrics alertMetrics(MeterRegistry registry, TopicsProperties topics) {
		return new AlertMetrics(registry, List.of(topics.weatherData(), topics.customerSentiment()));
	}

	@Bean
	AlertTopology alertTopology(StreamsBuilder builder, TopicsProperties topics, AlertsProperties alerts,
			AlertMetrics metrics) {
		AlertTopology topology = new AlertTopology(topics, alerts, metrics, Clock.systemUTC());
		topology.build(builder);
		return topology;
	}

	/**
	 * Replaces a stream thread that died of an exception instead of letting the client go
	 * to ERROR: no record makes the topology throw (bad ones are dead-lettered), so what
	 * kills a thread is the broker or the machine, and a new thread retries from the last
	 * committed transaction.
	 */
	@Bean
	StreamsBuilderFactoryBeanConfigurer replaceDeadStreamThreads() {
		return (factoryBean) -> factoryBean.setStreamsUncaughtExceptionHandler((exception) -> {
			log.error("A stream thread died; starting a new one from the last committed transaction", exception);
			return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
		});
	}

}
