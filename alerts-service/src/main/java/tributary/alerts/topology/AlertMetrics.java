package tributary.alerts.topology;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tributary.alerts.rules.AlertKind;

/**
 * The topology's own meters: {@code tributary_alerts_total{kind}} and
 * {@code tributary_alerts_dead_lettered_total{topic}}. Kafka Streams' meters (throughput,
 * lag, dropped records, state stores) come from Spring Kafka's
 * {@code KafkaStreamsMicrometerListener}.
 *
 * <p>
 * They count what a stream thread processed: a transaction that aborts and is processed
 * again counts twice here while the topic holds its records once.
 */
public final class AlertMetrics {

	private final MeterRegistry registry;

	/**
	 * Registers every counter at zero, so that a rate or an alert rule over them has a
	 * series before the first alert or dead letter.
	 * @param registry where the meters go
	 * @param inputTopics the topics whose records may be dead-lettered
	 */
	public AlertMetrics(MeterRegistry registry, List<String> inputTopics) {
		this.registry = registry;
		for (AlertKind kind : AlertKind.values()) {
			alerts(kind.contractName());
		}
		inputTopics.forEach(this::deadLetters);
	}

	void raised(String kind) {
		alerts(kind).increment();
	}

	void deadLettered(String topic) {
		deadLetters(topic).increment();
	}

	private Counter deadLetters(String topic) {
		return Counter.builder("tributary.alerts.dead.lettered")
			.description("Records of an input topic sent to its dead-letter topic")
			.tag("topic", topic)
			.register(this.registry);
	}

	private Counter alerts(String kind) {
		return Counter.builder("tributary.alerts")
			.description("Alerts raised, by kind")
			.tag("kind", kind)
			.register(this.registry);
	}

}
