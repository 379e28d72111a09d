package tributary.support.topics;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The suite's topics and how they are created.
 *
 * @param provision whether to create missing topics at start-up
 * @param partitions partitions of each topic created
 * @param replicationFactor replicas of each topic created (3 in production)
 * @param retention how long records are kept
 * @param socialMedia posts, written by ingest, read by sentiment and warehouse
 * @param weatherData weather readings, written by ingest, read by warehouse
 * @param customerFeedback customer feedback, written by ingest, read by warehouse
 * @param customerSentiment scored posts, written by sentiment, read by warehouse
 * @param weatherAlerts alerts raised from the weather and sentiment streams, written by
 * alerts, read by warehouse
 * @param deadLetterSuffix appended to a consumed topic's name to name its dead-letter
 * topic
 * @param provisioningTimeout how long to try reaching the broker at start-up
 */
@ConfigurationProperties("tributary.topics")
public record TopicsProperties(@DefaultValue("true") boolean provision, @DefaultValue("6") int partitions,
		@DefaultValue("1") short replicationFactor, @DefaultValue("7d") Duration retention,
		@DefaultValue("social_media") String socialMedia, @DefaultValue("weather_data") String weatherData,
		@DefaultValue("customer_feedback") String customerFeedback,
		@DefaultValue("customer_sentiment") String customerSentiment,
		@DefaultValue("weather_alerts") String weatherAlerts, @DefaultValue("_dlt") String deadLetterSuffix,
		@DefaultValue("30s") Duration provisioningTimeout) {

	public TopicsProperties {
		if (partitions < 1) {
			throw new IllegalArgumentException("tributary.topics.partitions must be at least 1 but was " + partitions);
		}
		if (replicationFactor < 1) {
			throw new IllegalArgumentException(
					"tributary.topics.replication-factor must be at least 1 but was " + replicationFactor);
		}
		if (retention.isNegative() || retention.isZero()) {
			throw new IllegalArgumentException("tributary.topics.retention must be positive but was " + retention);
		}
	}

	/** The topics that carry events, in the order data flows through the suite. */
	public List<String> eventTopics() {
		return List.of(this.socialMedia, this.weatherData, this.customerFeedback, this.customerSentiment,
				this.weatherAlerts);
	}

	/**
	 * The dead-letter topic of a consumed topic.
	 * @param topic a topic some service consumes
	 * @return where records of that topic go when they cannot be processed
	 */
	public String deadLetter(String topic) {
		return topic + this.deadLetterSuffix;
	}

}
