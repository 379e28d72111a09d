package tributary.testsupport.corpus;

import java.util.Set;

/** The topics the corpus writes for, and the fields of their contracts. */
public enum Topic {

	/** {@code social_media}. */
	POST(Set.of("id", "platform", "author", "text", "createdAt", "lang", "location", "productId", "hashtags",
			"ingestedAt")),

	/** {@code weather_data}. */
	READING(Set.of("id", "stationId", "location", "observedAt", "temperatureC", "humidityPct", "windKph",
			"precipitationMm", "condition", "lat", "lon", "ingestedAt")),

	/** {@code customer_feedback}. */
	FEEDBACK(Set.of("id", "customerId", "rating", "submittedAt", "productId", "orderId", "comment", "channel",
			"location", "ingestedAt")),

	/** {@code customer_sentiment}. */
	SENTIMENT(Set.of("id", "postId", "author", "platform", "location", "productId", "createdAt", "ingestedAt",
			"analyzedAt", "compound", "positive", "neutral", "negative", "label", "engineVersion")),

	/** {@code weather_alerts}. */
	ALERT(Set.of("id", "kind", "location", "from", "to", "value", "threshold", "count", "sourceId", "raisedAt"));

	private final Set<String> fields;

	Topic(Set<String> fields) {
		this.fields = fields;
	}

	/** The fields the contract names. */
	public Set<String> fields() {
		return this.fields;
	}

}
