package tributary.warehouse.events;

/**
 * What a topic carries. Each kind checks a record against its topic's JSON Schema in
 * {@code contracts/} and reads the fields the aggregates use.
 */
public enum EventKind {

	/** {@code social_media}: posts. */
	POST {
		@Override
		Event read(JsonRecord json) {
			json.string("author", 1, 128);
			json.string("text", 1, 10_000);
			json.optionalString("lang", 35);
			json.optionalStringArray("hashtags", 50, 140);
			return new PostPublished(json.string("id", 1, 128), json.platform("platform"), json.instant("createdAt"),
					json.optionalString("location", 128), json.optionalString("productId", 128),
					json.instant("ingestedAt"));
		}
	},

	/** {@code weather_data}: weather readings. */
	READING {
		@Override
		Event read(JsonRecord json) {
			json.string("stationId", 1, 128);
			json.optionalNumber("windKph", 0, 500);
			json.optionalString("condition", 64);
			json.optionalNumber("lat", -90, 90);
			json.optionalNumber("lon", -180, 180);
			return new ReadingObserved(json.string("id", 1, 128), json.string("location", 1, 128),
					json.instant("observedAt"), json.number("temperatureC", -90, 60),
					json.optionalNumber("humidityPct", 0, 100), json.optionalNumber("precipitationMm", 0, 2000),
					json.instant("ingestedAt"));
		}
	},

	/** {@code customer_feedback}: customer feedback. */
	FEEDBACK {
		@Override
		Event read(JsonRecord json) {
			json.string("customerId", 1, 128);
			json.optionalString("orderId", 128);
			json.optionalString("comment", 5000);
			json.optionalString("channel", 64);
			return new FeedbackSubmitted(json.string("id", 1, 128), json.integer("rating", 1, 5),
					json.instant("submittedAt"), json.optionalString("productId", 128),
					json.optionalString("location", 128), json.instant("ingestedAt"));
		}
	},

	/** {@code customer_sentiment}: scored posts, one per post. */
	SENTIMENT {
		@Override
		Event read(JsonRecord json) {
			String id = json.string("id", 1, 128);
			String postId = json.string("postId", 1, 128);
			if (!id.equals(postId)) {
				throw new InvalidEvent("id: must equal postId (one sentiment per post) but was '" + id
						+ "' for postId '" + postId + "'");
			}
			json.string("author", 1, 128);
			json.instant("analyzedAt");
			json.number("positive", 0, 1);
			json.number("neutral", 0, 1);
			json.number("negative", 0, 1);
			json.string("engineVersion", 1, Integer.MAX_VALUE);
			return new PostScored(postId, json.string("platform", 1, 32), json.instant("createdAt"),
					json.optionalString("location", 128), json.optionalString("productId", 128),
					json.number("compound", -1, 1), json.label("label"), json.nullableInstant("ingestedAt"));
		}
	},

	/** {@code weather_alerts}: alerts, one per deterministic alert id. */
	ALERT {
		@Override
		Event read(JsonRecord json) {
			return new AlertRaised(json.string("id", 1, 256), json.alertKind("kind"), json.string("location", 1, 128),
					json.instant("from"), json.instant("to"), json.decimal("value"), json.decimal("threshold"),
					json.count("count"), json.optionalString("sourceId", 128), json.instant("raisedAt"));
		}
	};

	/**
	 * Reads the fields of a record that has been parsed as a JSON object.
	 * @throws InvalidEvent if the record breaks the contract
	 */
	abstract Event read(JsonRecord json);

}
