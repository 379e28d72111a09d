package tributary.alerts.rules;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tributary.alerts.system.AlertsProperties;

/**
 * When a reading or a closed window raises an alert, as the shared agreement states it:
 * high-temperature at or above the location's threshold; heat-wave and sentiment-drop
 * strictly above theirs, and only with the minimum count.
 */
public final class AlertRules {

	private final AlertsProperties.HighTemperature highTemperature;

	private final AlertsProperties.HeatWave heatWave;

	private final AlertsProperties.SentimentDrop sentimentDrop;

	public AlertRules(AlertsProperties properties) {
		this.highTemperature = properties.highTemperature();
		this.heatWave = properties.heatWave();
		this.sentimentDrop = properties.sentimentDrop();
	}

	/** The alert one reading raises, or null. */
	public @Nullable Alert highTemperature(Reading reading) {
		double threshold = this.highTemperature.thresholdFor(reading.location());
		return (reading.temperatureC() >= threshold) ? Alert.highTemperature(reading, threshold) : null;
	}

	/** The alert a closed window of readings raises, or null. */
	public @Nullable Alert heatWave(String location, Instant start, Instant end, WindowStats readings) {
		double threshold = this.heatWave.thresholdC();
		if (readings.count() < this.heatWave.minReadings() || !(readings.mean() > threshold)) {
			return null;
		}
		return Alert.windowed(AlertKind.HEAT_WAVE, location, start, end, readings.mean(), threshold, readings.count());
	}

	/**
	 * The alert a closed window of posts raises, or null.
	 * @param posts the window's posts, with a sum of 1 per negative post
	 */
	public @Nullable Alert sentimentDrop(String location, Instant start, Instant end, WindowStats posts) {
		double threshold = this.sentimentDrop.threshold();
		if (posts.count() < this.sentimentDrop.minPosts() || !(posts.mean() > threshold)) {
			return null;
		}
		return Alert.windowed(AlertKind.SENTIMENT_DROP, location, start, end, posts.mean(), threshold, posts.count());
	}

}
