package tributary.warehouse.intake;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tributary.warehouse.events.Outcome;
import tributary.warehouse.events.StoreResult;

import org.springframework.stereotype.Component;

/**
 * {@code tributary_warehouse_events_total{topic,outcome}} and
 * {@code tributary_warehouse_end_to_end_seconds{topic}}: from ingest accepting an event
 * to the warehouse storing it.
 */
@Component
class IntakeMetrics {

	static final String DEAD_LETTERED = "dead_lettered";

	private static final Duration LONGEST_LATENCY = Duration.ofDays(365);

	private final MeterRegistry meters;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	private final Map<String, Timer> latencies = new ConcurrentHashMap<>();

	IntakeMetrics(MeterRegistry meters) {
		this.meters = meters;
	}

	void stored(List<StoreResult> results) {
		for (StoreResult result : results) {
			String topic = result.arrival().coordinates().topic();
			String outcome = (result.outcome() == Outcome.UNSTORABLE) ? DEAD_LETTERED
					: result.outcome().name().toLowerCase(Locale.ROOT);
			counter(topic, outcome).increment();
			Instant ingestedAt = result.arrival().event().ingestedAt();
			if (result.outcome() == Outcome.STORED && ingestedAt != null) {
				// ingestedAt is whatever the producer wrote, years 0000 to
				// 9999: beyond a year it is no latency, and beyond 292
				// years it would overflow the timer.
				Duration latency = Duration.between(ingestedAt, result.storedAt());
				latency(topic).record(latency.isNegative() ? Duration.ZERO
						: (latency.compareTo(LONGEST_LATENCY) > 0) ? LONGEST_LATENCY : latency);
			}
		}
	}

	void deadLettered(String topic) {
		counter(topic, DEAD_LETTERED).increment();
	}

	private Counter counter(String topic, String outcome) {
		return this.counters.computeIfAbsent(topic + '\n' + outcome,
				(key) -> Counter.builder("tributary.warehouse.events")
					.description("Records taken from a topic, by what became of them")
					.tag("topic", topic)
					.tag("outcome", outcome)
					.register(this.meters));
	}

	private Timer latency(String topic) {
		return this.latencies.computeIfAbsent(topic,
				(key) -> Timer.builder("tributary.warehouse.end.to.end")
					.description("From ingest accepting an event (ingestedAt) to the warehouse storing it")
					.tag("topic", topic)
					.publishPercentileHistogram()
					.serviceLevelObjectives(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1))
					.minimumExpectedValue(Duration.ofMillis(1))
					.maximumExpectedValue(Duration.ofMinutes(5))
					.register(this.meters));
	}

}
