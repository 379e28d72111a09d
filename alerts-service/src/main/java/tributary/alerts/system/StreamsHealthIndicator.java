package tributary.alerts.system;

import org.apache.kafka.streams.KafkaStreams;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * UP while the Kafka Streams client runs or rebalances, DOWN once it has stopped or gone
 * to ERROR, where it processes nothing until the process is restarted. Part of
 * {@code /readyz} and {@code /livez}: a client in ERROR never recovers by itself, so
 * Kubernetes and {@code ./tributary} restart the process.
 */
@Component("kafkaStreams")
class StreamsHealthIndicator implements HealthIndicator {

	private final StreamsBuilderFactoryBean factoryBean;

	StreamsHealthIndicator(StreamsBuilderFactoryBean factoryBean) {
		this.factoryBean = factoryBean;
	}

	@Override
	public Health health() {
		KafkaStreams streams = this.factoryBean.getKafkaStreams();
		if (streams == null) {
			return Health.down().withDetail("state", "not started").build();
		}
		KafkaStreams.State state = streams.state();
		Health.Builder health = switch (state) {
			case CREATED, REBALANCING, RUNNING -> Health.up();
			default -> Health.down();
		};
		return health.withDetail("state", state.name()).build();
	}

}
