package tributary.warehouse.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import tributary.warehouse.dashboard.Flow.FlowPoint;
import tributary.warehouse.dashboard.Flow.FlowReport;
import tributary.warehouse.dashboard.Flow.TopicFlow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The overview's figures from meters shaped like the warehouse's own, in the registry the
 * warehouse runs with (Prometheus: histograms that count since the start).
 */
class FlowTests {

	private static final Instant START = Instant.parse("2026-12-02T08:00:00Z");

	private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

	private final Flow flow = new Flow(this.meters);

	private final AtomicLong weatherLag = new AtomicLong();

	@Test
	void ratesAndLatenciesDescribeTheLastMinuteNotEverythingSinceTheStart() {
		records("weather_data", "stored").increment(100);
		for (int i = 0; i < 10; i++) {
			latency("weather_data").record(Duration.ofSeconds(5));
		}
		this.flow.sample(START);
		records("weather_data", "stored").increment(50);
		records("weather_data", "duplicate").increment(10);
		for (int i = 0; i < 99; i++) {
			latency("weather_data").record(Duration.ofMillis(100));
		}
		latency("weather_data").record(Duration.ofMillis(900));
		this.weatherLag.set(42);

		FlowReport report = this.flow.report(START.plusSeconds(30));

		TopicFlow weather = topic(report, "weather_data");
		assertThat(weather.records()).isEqualTo(160);
		assertThat(weather.recordsPerSecond()).isCloseTo(2.0, within(1e-9));
		assertThat(weather.lag()).isEqualTo(42);
		assertThat(weather.latencyMeanSeconds()).isCloseTo((99 * 0.1 + 0.9) / 100, within(1e-9));
		// The bucket holding 100 ms, not the 5 s from before the window nor the one 900
		// ms.
		assertThat(weather.latencyP99Seconds()).isBetween(0.1, 0.2);
	}

	@Test
	void tellsNoRateBeforeThereAreTwoReadingsButShowsTheLagAtOnce() {
		records("social_media", "stored").increment(7);
		this.weatherLag.set(3);
		FlowReport report = this.flow.report(START);
		assertThat(topic(report, "social_media").records()).isEqualTo(7);
		assertThat(topic(report, "social_media").recordsPerSecond()).isNull();
		assertThat(topic(report, "weather_data").lag()).isEqualTo(3);
		assertThat(report.history()).isEmpty();
	}

	@Test
	void keepsOnePointPerIntervalForTheLastFiveMinutes() {
		for (int second = 0; second <= 600; second += 5) {
			records("customer_feedback", "stored").increment(second % 10 == 0 ? 10 : 20);
			latency("customer_feedback").record(Duration.ofMillis(second % 10 == 0 ? 200 : 400));
			this.weatherLag.set(second);
			this.flow.sample(START.plusSeconds(second));
		}
		FlowReport report = this.flow.report(START.plusSeconds(601));
		assertThat(report.history()).hasSize(60);
		FlowPoint last = report.history().get(report.history().size() - 1);
		assertThat(last.at()).isEqualTo(START.plusSeconds(600));
		// The reading at 600 s added 10 records and one of 200 ms.
		assertThat(last.recordsPerSecond().get("customer_feedback")).isCloseTo(2.0, within(1e-9));
		assertThat(last.recordsPerSecond().get("weather_data")).isZero();
		assertThat(last.lag().get("weather_data")).isEqualTo(600);
		assertThat(last.latencyMeanSeconds()).isCloseTo(0.2, within(1e-9));
		assertThat(report.history().get(0).at()).isEqualTo(START.plusSeconds(305));
	}

	@Test
	void aRegistryWithoutTheWarehousesMetersGivesAnEmptyReport() {
		FlowReport report = new Flow(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).report(START);
		assertThat(report.topics()).isEmpty();
		assertThat(report.history()).isEmpty();
	}

	private Counter records(String topic, String outcome) {
		Gauge.builder(MeterReading.LAG, this.weatherLag, AtomicLong::get)
			.tag("topic", "weather_data")
			.tag("group", "warehouse")
			.register(this.meters);
		return Counter.builder(MeterReading.RECORDS).tag("topic", topic).tag("outcome", outcome).register(this.meters);
	}

	// Shaped like the warehouse's timer (IntakeMetrics).
	private Timer latency(String topic) {
		return Timer.builder(MeterReading.LATENCY)
			.tag("topic", topic)
			.publishPercentileHistogram()
			.serviceLevelObjectives(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1))
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofMinutes(5))
			.register(this.meters);
	}

	private static TopicFlow topic(FlowReport report, String topic) {
		return report.topics()
			.stream()
			.filter((flow) -> flow.topic().equals(topic))
			.findFirst()
			.orElseThrow(() -> new AssertionError(topic + " not in " + report.topics()));
	}

}
