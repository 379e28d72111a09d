package tributary.warehouse.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.warehouse.dashboard.MeterReading.Latency;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The flow of records through the warehouse over the last minutes, from readings of its
 * own meters taken at a fixed interval: rates and latencies are differences between two
 * readings, so they describe that stretch of time rather than everything since the start.
 */
@Component
class Flow implements SmartLifecycle {

	/** How often the meters are read. */
	static final Duration INTERVAL = Duration.ofSeconds(5);

	/** How far back the history goes. */
	static final Duration HISTORY = Duration.ofMinutes(5);

	/** The stretch the current figures describe. */
	static final Duration WINDOW = Duration.ofMinutes(1);

	private static final double PERCENTILE = 0.99;

	private static final Logger log = LoggerFactory.getLogger(Flow.class);

	private final MeterRegistry meters;

	private final Deque<MeterReading> readings = new ArrayDeque<>();

	private volatile @Nullable ScheduledExecutorService scheduler;

	Flow(MeterRegistry meters) {
		this.meters = meters;
	}

	@Override
	public void start() {
		ScheduledExecutorService started = Executors
			.newSingleThreadScheduledExecutor((task) -> new Thread(task, "dashboard-flow"));
		started.scheduleAtFixedRate(this::sampleNow, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
		this.scheduler = started;
	}

	@Override
	public void stop() {
		ScheduledExecutorService running = this.scheduler;
		if (running != null) {
			running.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	private void sampleNow() {
		try {
			sample(Instant.now());
		}
		catch (RuntimeException ex) {
			// A task that throws is never run again: one bad reading must not end the
			// history.
			log.warn("Could not read the meters for the dashboard: {}", ex.toString());
		}
	}

	/**
	 * Reads the meters and forgets readings older than the history.
	 * @param at the time of the reading
	 */
	synchronized void sample(Instant at) {
		this.readings.addLast(MeterReading.of(this.meters, at));
		Instant oldest = at.minus(HISTORY);
		while (this.readings.size() > 1 && this.readings.getFirst().at().isBefore(oldest)) {
			this.readings.removeFirst();
		}
	}

	/**
	 * The current figures per topic and the history, reading the meters once more.
	 * @param at now
	 * @return the report
	 */
	FlowReport report(Instant at) {
		List<MeterReading> all;
		synchronized (this) {
			all = new ArrayList<>(this.readings);
		}
		MeterReading now = MeterReading.of(this.meters, at);
		@Nullable MeterReading windowStart = null;
		for (MeterReading reading : all) {
			if (!reading.at().isBefore(at.minus(WINDOW)) && reading.at().isBefore(at)) {
				windowStart = reading;
				break;
			}
		}
		Topics topics = new Topics(now, all);
		List<TopicFlow> current = new ArrayList<>();
		for (String topic : topics.names()) {
			current.add(topicFlow(topic, windowStart, now));
		}
		List<FlowPoint> history = new ArrayList<>();
		for (int i = 1; i < all.size(); i++) {
			history.add(point(topics, all.get(i - 1), all.get(i)));
		}
		return new FlowReport(at, WINDOW.toSeconds(), INTERVAL.toSeconds(), current, history);
	}

	private static TopicFlow topicFlow(String topic, @Nullable MeterReading start, MeterReading end) {
		double records = end.records().getOrDefault(topic, 0.0);
		long lag = end.lag().getOrDefault(topic, 0L);
		if (start == null) {
			return new TopicFlow(topic, (long) records, null, lag, null, null);
		}
		Latency latency = delta(start.latencies().get(topic), end.latencies().get(topic));
		return new TopicFlow(topic, (long) records, rate(topic, start, end), lag, mean(latency), percentile(latency));
	}

	private static FlowPoint point(Topics topics, MeterReading start, MeterReading end) {
		Map<String, Double> rates = new TreeMap<>();
		Map<String, Long> lags = new TreeMap<>();
		@Nullable Latency all = null;
		for (String topic : topics.names()) {
			rates.put(topic, rate(topic, start, end));
			lags.put(topic, end.lag().getOrDefault(topic, 0L));
			Latency latency = delta(start.latencies().get(topic), end.latencies().get(topic));
			all = (all == null) ? latency : sum(all, latency);
		}
		return new FlowPoint(end.at(), rates, lags, (all != null) ? mean(all) : null,
				(all != null) ? percentile(all) : null);
	}

	private static double rate(String topic, MeterReading start, MeterReading end) {
		double seconds = Duration.between(start.at(), end.at()).toMillis() / 1000.0;
		double taken = end.records().getOrDefault(topic, 0.0) - start.records().getOrDefault(topic, 0.0);
		// A counter that went down was registered anew: nothing is known about the
		// stretch.
		return (seconds > 0 && taken > 0) ? taken / seconds : 0.0;
	}

	private static Latency delta(@Nullable Latency start, @Nullable Latency end) {
		if (end == null) {
			return new Latency(0, 0, new double[0], new double[0]);
		}
		if (start == null || start.count() > end.count() || start.bounds().length != end.bounds().length) {
			return end;
		}
		double[] counts = new double[end.counts().length];
		for (int i = 0; i < counts.length; i++) {
			counts[i] = Math.max(0, end.counts()[i] - start.counts()[i]);
		}
		return new Latency(end.count() - start.count(), Math.max(0, end.totalSeconds() - start.totalSeconds()),
				end.bounds(), counts);
	}

	private static Latency sum(Latency one, Latency other) {
		if (one.count() == 0) {
			return other;
		}
		if (other.count() == 0) {
			return one;
		}
		boolean sameBuckets = Arrays.equals(one.bounds(), other.bounds());
		double[] counts = new double[sameBuckets ? one.counts().length : 0];
		for (int i = 0; i < counts.length; i++) {
			counts[i] = one.counts()[i] + other.counts()[i];
		}
		return new Latency(one.count() + other.count(), one.totalSeconds() + other.totalSeconds(),
				sameBuckets ? one.bounds() : new double[0], counts);
	}

	private static @Nullable Double mean(Latency latency) {
		return (latency.count() > 0) ? latency.totalSeconds() / latency.count() : null;
	}

	/**
	 * The upper bound of the histogram bucket that holds the 99th percentile: what the
	 * latency stayed at or below for 99% of the records, to the histogram's resolution.
	 */
	private static @Nullable Double percentile(Latency latency) {
		if (latency.count() == 0 || latency.bounds().length == 0) {
			return null;
		}
		double rank = Math.ceil(PERCENTILE * latency.count());
		for (int i = 0; i < latency.bounds().length; i++) {
			if (latency.counts()[i] >= rank) {
				return latency.bounds()[i];
			}
		}
		// Beyond the largest bucket: that bound is all the histogram can say.
		return latency.bounds()[latency.bounds().length - 1];
	}

	/** The topics named by any reading, in order. */
	private record Topics(List<String> names) {

		Topics(MeterReading now, List<MeterReading> readings) {
			this(names(now, readings));
		}

		private static List<String> names(MeterReading now, List<MeterReading> readings) {
			TreeSet<String> names = new TreeSet<>(now.records().keySet());
			names.addAll(now.lag().keySet());
			for (MeterReading reading : readings) {
				names.addAll(reading.records().keySet());
				names.addAll(reading.lag().keySet());
			}
			return List.copyOf(names);
		}

	}

	/**
	 * What the dashboard's overview shows.
	 *
	 * @param at when it was computed
	 * @param windowSeconds the stretch the current figures describe
	 * @param intervalSeconds the stretch each history point describes
	 * @param topics the current figures per topic
	 * @param history one point per interval, oldest first
	 */
	record FlowReport(Instant at, long windowSeconds, long intervalSeconds, List<TopicFlow> topics,
			List<FlowPoint> history) {
	}

	/**
	 * One topic now.
	 *
	 * @param topic the topic
	 * @param records records taken from it since the warehouse started
	 * @param recordsPerSecond records taken per second over the window, once there is one
	 * @param lag records the consumer group has not committed yet
	 * @param latencyMeanSeconds mean time from ingest to stored over the window
	 * @param latencyP99Seconds 99th percentile of that time (a histogram bucket's bound)
	 */
	record TopicFlow(String topic, long records, @Nullable Double recordsPerSecond, long lag,
			@Nullable Double latencyMeanSeconds, @Nullable Double latencyP99Seconds) {
	}

	/**
	 * One interval of the history.
	 *
	 * @param at its end
	 * @param recordsPerSecond records taken per second from each topic
	 * @param lag the lag of each topic at its end
	 * @param latencyMeanSeconds mean time from ingest to stored, all topics
	 * @param latencyP99Seconds 99th percentile of that time, all topics
	 */
	record FlowPoint(Instant at, Map<String, Double> recordsPerSecond, Map<String, Long> lag,
			@Nullable Double latencyMeanSeconds, @Nullable Double latencyP99Seconds) {
	}

}
