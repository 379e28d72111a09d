package tributary.warehouse.dashboard;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;

/**
 * The warehouse's own meters at one instant, as cumulative totals per topic: records
 * taken ({@code tributary.warehouse.events}, every outcome), consumer lag
 * ({@code tributary.warehouse.consumer.lag}) and the end-to-end latency timer
 * ({@code tributary.warehouse.end.to.end}).
 *
 * @param at when it was read
 * @param records records taken from each topic so far
 * @param lag the consumer group's lag per topic
 * @param latencies the latency timer of each topic that has one
 */
record MeterReading(Instant at, Map<String, Double> records, Map<String, Long> lag, Map<String, Latency> latencies) {

	static final String RECORDS = "tributary.warehouse.events";

	static final String LAG = "tributary.warehouse.consumer.lag";

	static final String LATENCY = "tributary.warehouse.end.to.end";

	static MeterReading of(MeterRegistry meters, Instant at) {
		Map<String, Double> records = new TreeMap<>();
		for (Counter counter : meters.find(RECORDS).counters()) {
			String topic = counter.getId().getTag("topic");
			if (topic != null) {
				records.merge(topic, counter.count(), Double::sum);
			}
		}
		Map<String, Long> lag = new TreeMap<>();
		for (Gauge gauge : meters.find(LAG).gauges()) {
			String topic = gauge.getId().getTag("topic");
			double value = gauge.value();
			if (topic != null && Double.isFinite(value)) {
				lag.merge(topic, (long) value, Long::sum);
			}
		}
		Map<String, Latency> latencies = new TreeMap<>();
		for (Timer timer : meters.find(LATENCY).timers()) {
			String topic = timer.getId().getTag("topic");
			if (topic != null) {
				latencies.put(topic, Latency.of(timer.takeSnapshot()));
			}
		}
		return new MeterReading(at, Map.copyOf(records), Map.copyOf(lag), Map.copyOf(latencies));
	}

	/**
	 * A latency timer's cumulative state.
	 *
	 * @param count how many latencies were recorded
	 * @param totalSeconds their sum
	 * @param bounds the upper bounds of the histogram's buckets, in seconds, ascending
	 * @param counts how many latencies were at or below each bound
	 */
	record Latency(long count, double totalSeconds, double[] bounds, double[] counts) {

		static Latency of(HistogramSnapshot snapshot) {
			CountAtBucket[] buckets = snapshot.histogramCounts();
			double[] bounds = new double[buckets.length];
			double[] counts = new double[buckets.length];
			for (int i = 0; i < buckets.length; i++) {
				bounds[i] = buckets[i].bucket(TimeUnit.SECONDS);
				counts[i] = buckets[i].count();
			}
			return new Latency(snapshot.count(), snapshot.total(TimeUnit.SECONDS), bounds, counts);
		}

	}

}
