package tributary.warehouse.insights;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.jspecify.annotations.Nullable;

/** The answers of the insights API, read from aggregate documents. */
final class Summaries {

	private Summaries() {
	}

	/**
	 * Weather in one hour at one location.
	 *
	 * @param readings how many readings
	 * @param temperatureMinC lowest temperature, if any reading
	 * @param temperatureMaxC highest temperature, if any reading
	 * @param temperatureMeanC mean temperature, if any reading
	 * @param humidityMeanPct mean relative humidity of the readings that have one
	 * @param precipitationMm total precipitation of the readings that have one
	 */
	record Weather(long readings, @Nullable Double temperatureMinC, @Nullable Double temperatureMaxC,
			@Nullable Double temperatureMeanC, @Nullable Double humidityMeanPct, @Nullable Double precipitationMm) {

		static Weather of(@Nullable Document weather) {
			Document values = orEmpty(weather);
			long readings = tally(values, "readings");
			long humidityReadings = tally(values, "humidityReadings");
			return new Weather(readings, number(values, "temperatureMin"), number(values, "temperatureMax"),
					mean(values, "temperatureSum", readings), mean(values, "humiditySum", humidityReadings),
					(tally(values, "precipitationReadings") > 0) ? number(values, "precipitationSum") : null);
		}

	}

	/**
	 * Sentiment of posts.
	 *
	 * @param count scored posts
	 * @param positive of which positive
	 * @param neutral of which neutral
	 * @param negative of which negative
	 * @param compoundMean mean compound score, if any
	 */
	record Sentiment(long count, long positive, long neutral, long negative, @Nullable Double compoundMean) {

		static Sentiment of(@Nullable Document sentiment) {
			Document values = orEmpty(sentiment);
			long count = tally(values, "count");
			return new Sentiment(count, tally(values, "positive"), tally(values, "neutral"), tally(values, "negative"),
					mean(values, "compoundSum", count));
		}

		/** The sentiment of several documents together, summed exactly. */
		static Sentiment total(List<Document> sentiments) {
			long count = 0;
			long positive = 0;
			long neutral = 0;
			long negative = 0;
			BigDecimal compound = BigDecimal.ZERO;
			for (Document sentiment : sentiments) {
				count += tally(sentiment, "count");
				positive += tally(sentiment, "positive");
				neutral += tally(sentiment, "neutral");
				negative += tally(sentiment, "negative");
				BigDecimal sum = decimal(sentiment, "compoundSum");
				compound = (sum != null) ? compound.add(sum) : compound;
			}
			return new Sentiment(count, positive, neutral, negative, divide(compound, count));
		}

	}

	/**
	 * Feedback at a location in one hour.
	 *
	 * @param count how much feedback
	 * @param ratingMean mean rating, if any
	 */
	record Feedback(long count, @Nullable Double ratingMean) {

		static Feedback of(@Nullable Document feedback) {
			Document values = orEmpty(feedback);
			long count = tally(values, "count");
			return new Feedback(count, mean(values, "ratingSum", count));
		}

	}

	/**
	 * Feedback about a product.
	 *
	 * @param count how much feedback
	 * @param ratingMean mean rating, if any
	 * @param ratings how many times each rating, "1" to "5", was given
	 */
	record ProductFeedback(long count, @Nullable Double ratingMean, Map<String, Long> ratings) {

		static ProductFeedback of(@Nullable Document feedback) {
			Document values = orEmpty(feedback);
			long count = tally(values, "count");
			Document histogram = orEmpty(values.get("ratings", Document.class));
			Map<String, Long> ratings = new LinkedHashMap<>();
			for (int rating = 1; rating <= 5; rating++) {
				ratings.put(Integer.toString(rating), tally(histogram, Contributions.ratingKey(rating)));
			}
			return new ProductFeedback(count, mean(values, "ratingSum", count), ratings);
		}

	}

	/**
	 * Posts counted.
	 *
	 * @param count how many
	 */
	record Posts(long count) {

		static Posts of(@Nullable Document posts) {
			return new Posts(tally(orEmpty(posts), "count"));
		}

	}

	/**
	 * Everything known about one location in one hour.
	 *
	 * @param hour the start of the hour (UTC)
	 * @param weather weather readings
	 * @param posts posts from there
	 * @param sentiment sentiment of those posts
	 * @param feedback feedback from there
	 */
	record LocationHour(Instant hour, Weather weather, Posts posts, Sentiment sentiment, Feedback feedback) {

		static LocationHour of(Document document) {
			return new LocationHour(document.getDate("hour").toInstant(),
					Weather.of(document.get("weather", Document.class)),
					Posts.of(document.get("posts", Document.class)),
					Sentiment.of(document.get("sentiment", Document.class)),
					Feedback.of(document.get("feedback", Document.class)));
		}

	}

	/**
	 * The hours of a location that have data, in order.
	 *
	 * @param location the location
	 * @param from the start of the range
	 * @param to the end of the range (exclusive)
	 * @param hours the hours with data
	 */
	record HourlyInsights(String location, Instant from, Instant to, List<LocationHour> hours) {
	}

	/**
	 * Sentiment in one hour.
	 *
	 * @param hour the start of the hour (UTC)
	 * @param sentiment the posts written in it
	 */
	record SentimentHour(Instant hour, Sentiment sentiment) {
	}

	/**
	 * Sentiment over a range, in total and per hour.
	 *
	 * @param platform the platform, or {@code null} for all
	 * @param from the start of the range
	 * @param to the end of the range (exclusive)
	 * @param totals the whole range
	 * @param hours the hours with posts, in order
	 */
	record SentimentInsights(@Nullable String platform, Instant from, Instant to, Sentiment totals,
			List<SentimentHour> hours) {
	}

	/**
	 * Everything known about one product.
	 *
	 * @param productId the product
	 * @param feedback feedback about it
	 * @param sentiment sentiment of posts naming it
	 * @param posts posts naming it
	 */
	record ProductInsights(String productId, ProductFeedback feedback, Sentiment sentiment, Posts posts) {

		static ProductInsights of(Document document) {
			return new ProductInsights(document.getString("_id"),
					ProductFeedback.of(document.get("feedback", Document.class)),
					Sentiment.of(document.get("sentiment", Document.class)),
					Posts.of(document.get("posts", Document.class)));
		}

	}

	/**
	 * Feedback about a product in one hour.
	 *
	 * @param hour the start of the hour (UTC)
	 * @param feedback the feedback submitted in it
	 */
	record ProductHour(Instant hour, Feedback feedback) {

		static ProductHour of(Document document) {
			return new ProductHour(document.getDate("hour").toInstant(),
					Feedback.of(document.get("feedback", Document.class)));
		}

	}

	/**
	 * The hours of a product that have feedback, in order.
	 *
	 * @param productId the product
	 * @param from the start of the range
	 * @param to the end of the range (exclusive)
	 * @param hours the hours with feedback
	 */
	record ProductHours(String productId, Instant from, Instant to, List<ProductHour> hours) {
	}

	/**
	 * A location with data.
	 *
	 * @param location its name
	 * @param firstHour the first hour with data
	 * @param lastHour the last hour with data
	 */
	record KnownLocation(String location, Instant firstHour, Instant lastHour) {

		static KnownLocation of(Document document) {
			return new KnownLocation(document.getString("_id"), document.getDate("firstHour").toInstant(),
					document.getDate("lastHour").toInstant());
		}

	}

	/**
	 * One page of a listing.
	 *
	 * @param <T> the items
	 * @param items this page's items
	 * @param page the page number, from 0
	 * @param size the page size asked for
	 * @param totalItems items in all pages
	 * @param totalPages pages in all
	 */
	record Page<T>(List<T> items, int page, int size, long totalItems, long totalPages) {
	}

	private static Document orEmpty(@Nullable Document document) {
		return (document != null) ? document : new Document();
	}

	private static long tally(Document values, String field) {
		Object value = values.get(field);
		return (value instanceof Number number) ? number.longValue() : 0;
	}

	private static @Nullable BigDecimal decimal(Document values, String field) {
		Object value = values.get(field);
		if (value instanceof Decimal128 decimal) {
			return decimal.bigDecimalValue();
		}
		if (value instanceof Number number) {
			return new BigDecimal(number.toString());
		}
		return null;
	}

	private static @Nullable Double number(Document values, String field) {
		BigDecimal value = decimal(values, field);
		return (value != null) ? value.doubleValue() : null;
	}

	private static @Nullable Double mean(Document values, String sumField, long count) {
		BigDecimal sum = decimal(values, sumField);
		return (sum != null) ? divide(sum, count) : null;
	}

	private static @Nullable Double divide(BigDecimal sum, long count) {
		return (count > 0) ? sum.divide(BigDecimal.valueOf(count), MathContext.DECIMAL128).doubleValue() : null;
	}

}
