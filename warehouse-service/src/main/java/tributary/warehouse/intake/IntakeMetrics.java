package tributary.warehouse.intake;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
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
		// Counted per topic and outcome, and each meter looked up once per batch rather
		// than once per record.
		Map<String, Map<Outcome, Long>> outcomes = new HashMap<>();
		String topic = null;
		Timer latency = null;
		for (StoreResult result : results) {
			String of = result.arrival().coordinates().topic();
			outcomes.computeIfAbsent(of, (key) -> new EnumMap<>(Outcome.class)).merge(result.outcome(), 1L, Long::sum);
			Instant ingestedAt = result.arrival().event().ingestedAt();
			if (result.outcome() == Outcome.STORED && ingestedAt != null) {
				if (latency == null || !of.equals(topic)) {
					topic = of;
					latency = latency(of);
				}
				// ingestedAt is whatever the producer wrote, years 0000 to
				// 9999: beyond a year it is no latency, and beyond 292
				// years it would overflow the timer.
				Duration took = Duration.between(ingestedAt, result.storedAt());
				latency.record(took.isNegative() ? Duration.ZERO
						: (took.compareTo(LONGEST_LATENCY) > 0) ? LONGEST_LATENCY : took);
			}
		}
		outcomes.forEach((of,
				counts) -> counts.forEach((outcome, count) -> counter(of,
						(outcome == Outcome.UNSTORABLE) ? DEAD_LETTERED : outcome.name().toLowerCase(Locale.ROOT))
					.increment(count)));
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
