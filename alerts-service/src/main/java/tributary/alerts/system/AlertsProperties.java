package tributary.alerts.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The alerts-service's settings ({@code tributary.alerts.*}): the rules' thresholds,
 * windows and minimum counts, and the Kafka Streams application.
 *
 * @param highTemperature one reading at or above a threshold
 * @param heatWave a location's mean temperature over a window above a threshold
 * @param sentimentDrop a location's share of negative posts over a window above a
 * threshold
 * @param streams the Kafka Streams application
 */
@ConfigurationProperties("tributary.alerts")
public record AlertsProperties(@DefaultValue HighTemperature highTemperature, @DefaultValue HeatWave heatWave,
		@DefaultValue SentimentDrop sentimentDrop, @DefaultValue Streams streams) {

	/**
	 * The high-temperature rule.
	 *
	 * @param thresholdC a reading at or above it raises an alert, in °C
	 * @param locations thresholds of single locations that differ, by location (in
	 * properties {@code tributary.alerts.high-temperature.locations[Death Valley]=50})
	 */
	public record HighTemperature(@DefaultValue("35") double thresholdC, @DefaultValue Map<String, Double> locations) {

		public HighTemperature {
			locations = Map.copyOf(locations);
		}

		/** The threshold in force for a location. */
		public double thresholdFor(String location) {
			return this.locations.getOrDefault(location, this.thresholdC);
		}

	}

	/**
	 * The heat-wave rule: tumbling windows aligned to the epoch, in event time.
	 *
	 * @param thresholdC the window's mean must be strictly above it, in °C
	 * @param window the window's length
	 * @param grace how long after its end a window still takes late readings; the alert
	 * is raised once it has passed
	 * @param minReadings the fewest readings a window needs to raise an alert
	 */
	public record HeatWave(@DefaultValue("32") double thresholdC, @DefaultValue("3h") Duration window,
			@DefaultValue("10m") Duration grace, @DefaultValue("3") int minReadings) {

		public HeatWave {
			positive("tributary.alerts.heat-wave.window", window);
			notNegative("tributary.alerts.heat-wave.grace", grace);
			atLeastOne("tributary.alerts.heat-wave.min-readings", minReadings);
		}

	}

	/**
	 * The sentiment-drop rule: tumbling windows aligned to the epoch, in event time (the
	 * post's {@code createdAt}).
	 *
	 * @param threshold the window's share of negative posts must be strictly above it
	 * @param window the window's length
	 * @param grace how long after its end a window still takes late posts; the alert is
	 * raised once it has passed
	 * @param minPosts the fewest posts a window needs to raise an alert
	 */
	public record SentimentDrop(@DefaultValue("0.5") double threshold, @DefaultValue("15m") Duration window,
			@DefaultValue("1m") Duration grace, @DefaultValue("10") int minPosts) {

		public SentimentDrop {
			positive("tributary.alerts.sentiment-drop.window", window);
			notNegative("tributary.alerts.sentiment-drop.grace", grace);
			atLeastOne("tributary.alerts.sentiment-drop.min-posts", minPosts);
		}

	}

	/**
	 * The Kafka Streams application.
	 *
	 * @param applicationId names the consumer group, the transactional producers and the
	 * internal topics: instances with the same id share the work
	 * @param stateDir where the local state stores live; they are rebuilt from their
	 * changelog topics when missing
	 * @param threads stream threads of this instance
	 * @param maxClockSkew how far past this machine's clock an event time may lie and
	 * still count in a window: a reading dated in the year 9999 would otherwise close
	 * every window of its partition for good, and one dated this far ahead closes windows
	 * this much early, so keep it well below the windows' grace
	 * @param instanceId this instance's static membership of the group
	 * ({@code group.instance.id}, each stream thread's suffixed with its number), or
	 * blank for none. With one, an instance that restarts after a crash takes its tasks
	 * back as soon as it rejoins; without, the group waits for the dead member's session
	 * to time out (45 s) before anything is processed again, and the backlog of that wait
	 * reaches the windows out of event-time order, where what is older than the grace is
	 * dropped. It must be unique among the instances and stay the same across restarts:
	 * the pod's name in Kubernetes, the container's host name in Docker Compose
	 */
	public record Streams(@DefaultValue("tributary-alerts") String applicationId,
			@DefaultValue("/tmp/tributary-alerts") Path stateDir, @DefaultValue("1") int threads,
			@DefaultValue("5m") Duration maxClockSkew, @Nullable String instanceId) {

		public Streams {
			atLeastOne("tributary.alerts.streams.threads", threads);
			notNegative("tributary.alerts.streams.max-clock-skew", maxClockSkew);
			instanceId = (instanceId == null || instanceId.isBlank()) ? null : instanceId.strip();
		}

	}

	private static void positive(String name, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive but was " + value);
		}
	}

	private static void notNegative(String name, Duration value) {
		if (value.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative but was " + value);
		}
	}

	private static void atLeastOne(String name, int value) {
		if (value < 1) {
			throw new IllegalArgumentException(name + " must be at least 1 but was " + value);
		}
	}

}
