package tributary.ingest.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

import tributary.support.topics.TopicsProperties;

/**
 * The service's own meters: {@code tributary_ingest_events_total{topic,outcome}} and the
 * publish latency histogram {@code tributary_ingest_publish_seconds{topic}}.
 */
@Component
public class IngestMetrics {

	private final MeterRegistry registry;

	private final Map<String, TopicMeters> topics = new ConcurrentHashMap<>();

	IngestMetrics(MeterRegistry registry, TopicsProperties topics) {
		this.registry = registry;
		// Registered up front so that every series exists, at zero, before the first
		// event: rate() over a series that appears late misses its first increments.
		List.of(topics.socialMedia(), topics.weatherData(), topics.customerFeedback()).forEach(this::meters);
	}

	public void accepted(String topic, int events) {
		meters(topic).accepted.increment(events);
	}

	public void rejected(String topic, int events) {
		meters(topic).rejected.increment(events);
	}

	public void failed(String topic, int events) {
		meters(topic).failed.increment(events);
	}

	/**
	 * The publish latency timer of a topic, looked up and recorded by the request's
	 * thread rather than the producer's single I/O thread, which runs every
	 * acknowledgement callback: the per-record lookup there, then the record into the
	 * histogram, took a quarter to a third of that thread's samples in the bulk profile.
	 * @param topic the topic
	 * @return its timer
	 */
	public Timer publishTimer(String topic) {
		return meters(topic).publish;
	}

	private TopicMeters meters(String topic) {
		// get() first: computeIfAbsent locks the bin whenever the key is not its first
		// node, and this runs for every event.
		TopicMeters meters = this.topics.get(topic);
		return (meters != null) ? meters
				: this.topics.computeIfAbsent(topic, (name) -> new TopicMeters(this.registry, name));
	}

	private static final class TopicMeters {

		final Counter accepted;

		final Counter rejected;

		final Counter failed;

		final Timer publish;

		TopicMeters(MeterRegistry registry, String topic) {
			this.accepted = outcome(registry, topic, "accepted");
			this.rejected = outcome(registry, topic, "rejected");
			this.failed = outcome(registry, topic, "failed");
			this.publish = Timer.builder("tributary.ingest.publish")
				.description("Time from handing an event to the producer until the broker acknowledged it or failed")
				.tag("topic", topic)
				.publishPercentileHistogram()
				.minimumExpectedValue(Duration.ofMillis(1))
				.maximumExpectedValue(Duration.ofSeconds(10))
				.register(registry);
		}

		private static Counter outcome(MeterRegistry registry, String topic, String outcome) {
			return Counter.builder("tributary.ingest.events")
				.description("Events by outcome: accepted (acknowledged by the broker), rejected (invalid), "
						+ "failed (valid but not acknowledged in time)")
				.tag("topic", topic)
				.tag("outcome", outcome)
				.register(registry);
		}

	}

}
