package tributary.warehouse;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The aggregates computed the slow, obvious way from a set of distinct events, to hold
 * the warehouse's answers against.
 */
public final class ExpectedInsights {

	/** Location → hour → figures. */
	public final Map<String, Map<Instant, Hourly>> hourly = new TreeMap<>();

	/** Product → figures. */
	public final Map<String, Product> products = new TreeMap<>();

	/** Platform ("" for all) → hour → sentiment. */
	public final Map<String, Map<Instant, Sentiment>> platforms = new TreeMap<>();

	public static final class Hourly {

		long readings;

		BigDecimal temperatureSum = BigDecimal.ZERO;

		BigDecimal temperatureMin;

		BigDecimal temperatureMax;

		long humidityReadings;

		BigDecimal humiditySum = BigDecimal.ZERO;

		long precipitationReadings;

		BigDecimal precipitationSum = BigDecimal.ZERO;

		long posts;

		final Sentiment sentiment = new Sentiment();

		long feedback;

		BigDecimal ratingSum = BigDecimal.ZERO;

	}

	public static final class Sentiment {

		long count;

		final Map<String, Long> labels = new TreeMap<>();

		BigDecimal compoundSum = BigDecimal.ZERO;

		void add(JsonNode scored) {
			this.count++;
			this.labels.merge(scored.get("label").stringValue(), 1L, Long::sum);
			this.compoundSum = this.compoundSum.add(decimal(scored.get("compound")));
		}

	}

	public static final class Product {

		long feedback;

		final long[] ratings = new long[6];

		BigDecimal ratingSum = BigDecimal.ZERO;

		long posts;

		final Sentiment sentiment = new Sentiment();

	}

	/**
	 * Adds one distinct event.
	 * @param role weather, post, sentiment or feedback
	 * @param event its JSON
	 */
	public void add(String role, JsonNode event) {
		switch (role) {
			case "weather" -> {
				Hourly hour = hour(text(event, "location"), text(event, "observedAt"));
				BigDecimal temperature = decimal(event.get("temperatureC"));
				hour.readings++;
				hour.temperatureSum = hour.temperatureSum.add(temperature);
				hour.temperatureMin = (hour.temperatureMin == null) ? temperature
						: hour.temperatureMin.min(temperature);
				hour.temperatureMax = (hour.temperatureMax == null) ? temperature
						: hour.temperatureMax.max(temperature);
				if (present(event, "humidityPct")) {
					hour.humidityReadings++;
					hour.humiditySum = hour.humiditySum.add(decimal(event.get("humidityPct")));
				}
				if (present(event, "precipitationMm")) {
					hour.precipitationReadings++;
					hour.precipitationSum = hour.precipitationSum.add(decimal(event.get("precipitationMm")));
				}
			}
			case "post" -> {
				if (present(event, "location")) {
					hour(text(event, "location"), text(event, "createdAt")).posts++;
				}
				if (present(event, "productId")) {
					product(text(event, "productId")).posts++;
				}
			}
			case "sentiment" -> {
				if (present(event, "location")) {
					hour(text(event, "location"), text(event, "createdAt")).sentiment.add(event);
				}
				if (present(event, "productId")) {
					product(text(event, "productId")).sentiment.add(event);
				}
				Instant hour = hourOf(text(event, "createdAt"));
				for (String platform : new String[] { text(event, "platform"), "" }) {
					this.platforms.computeIfAbsent(platform, (key) -> new TreeMap<>())
						.computeIfAbsent(hour, (key) -> new Sentiment())
						.add(event);
				}
			}
			case "feedback" -> {
				BigDecimal rating = decimal(event.get("rating"));
				if (present(event, "location")) {
					Hourly hour = hour(text(event, "location"), text(event, "submittedAt"));
					hour.feedback++;
					hour.ratingSum = hour.ratingSum.add(rating);
				}
				if (present(event, "productId")) {
					Product product = product(text(event, "productId"));
					product.feedback++;
					product.ratings[rating.intValueExact()]++;
					product.ratingSum = product.ratingSum.add(rating);
				}
			}
			default -> throw new IllegalArgumentException(role);
		}
	}

	/** Asserts an {@code /insights/hourly} answer for a location. */
	public void assertHourly(String location, JsonNode answer) {
		Map<Instant, Hourly> expected = this.hourly.getOrDefault(location, Map.of());
		assertThat(answer.get("hours").size()).as("hours of %s", location).isEqualTo(expected.size());
		for (JsonNode hour : answer.get("hours")) {
			Hourly want = expected.get(Instant.parse(hour.get("hour").stringValue()));
			assertThat(want).as("hour %s of %s", hour.get("hour"), location).isNotNull();
			String at = location + " " + hour.get("hour").stringValue();
			JsonNode weather = hour.get("weather");
			assertThat(weather.get("readings").longValue()).as(at).isEqualTo(want.readings);
			if (want.readings > 0) {
				assertThat(weather.get("temperatureMinC").doubleValue()).as(at)
					.isEqualTo(want.temperatureMin.doubleValue());
				assertThat(weather.get("temperatureMaxC").doubleValue()).as(at)
					.isEqualTo(want.temperatureMax.doubleValue());
				assertMean(weather.get("temperatureMeanC"), want.temperatureSum, want.readings, at);
			}
			assertMean(weather.get("humidityMeanPct"), want.humiditySum, want.humidityReadings, at);
			if (want.precipitationReadings > 0) {
				assertThat(weather.get("precipitationMm").doubleValue()).as(at)
					.isEqualTo(want.precipitationSum.doubleValue());
			}
			else {
				assertThat(weather.get("precipitationMm").isNull()).as(at).isTrue();
			}
			assertThat(hour.get("posts").get("count").longValue()).as(at).isEqualTo(want.posts);
			assertSentiment(hour.get("sentiment"), want.sentiment, at);
			assertThat(hour.get("feedback").get("count").longValue()).as(at).isEqualTo(want.feedback);
			assertMean(hour.get("feedback").get("ratingMean"), want.ratingSum, want.feedback, at);
		}
	}

	/** Asserts an {@code /insights/products/{id}} answer. */
	public void assertProduct(String productId, JsonNode answer) {
		Product want = this.products.get(productId);
		JsonNode feedback = answer.get("feedback");
		assertThat(feedback.get("count").longValue()).as(productId).isEqualTo(want.feedback);
		for (int rating = 1; rating <= 5; rating++) {
			assertThat(feedback.get("ratings").get(Integer.toString(rating)).longValue()).as(productId)
				.isEqualTo(want.ratings[rating]);
		}
		assertMean(feedback.get("ratingMean"), want.ratingSum, want.feedback, productId);
		assertThat(answer.get("posts").get("count").longValue()).as(productId).isEqualTo(want.posts);
		assertSentiment(answer.get("sentiment"), want.sentiment, productId);
	}

	/** Asserts an {@code /insights/sentiment} answer; platform "" for all. */
	public void assertPlatform(String platform, JsonNode answer) {
		Map<Instant, Sentiment> expected = this.platforms.getOrDefault(platform, Map.of());
		assertThat(answer.get("hours").size()).as(platform).isEqualTo(expected.size());
		Sentiment total = new Sentiment();
		for (JsonNode hour : answer.get("hours")) {
			Sentiment want = expected.get(Instant.parse(hour.get("hour").stringValue()));
			assertSentiment(hour.get("sentiment"), want, platform + " " + hour.get("hour"));
			total.count += want.count;
			want.labels.forEach((label, count) -> total.labels.merge(label, count, Long::sum));
			total.compoundSum = total.compoundSum.add(want.compoundSum);
		}
		assertSentiment(answer.get("totals"), total, platform + " totals");
	}

	private static void assertSentiment(JsonNode answer, Sentiment want, String at) {
		assertThat(answer.get("count").longValue()).as(at).isEqualTo(want.count);
		for (String label : new String[] { "positive", "neutral", "negative" }) {
			assertThat(answer.get(label).longValue()).as(at + " " + label)
				.isEqualTo(want.labels.getOrDefault(label, 0L));
		}
		assertMean(answer.get("compoundMean"), want.compoundSum, want.count, at);
	}

	private static void assertMean(JsonNode answer, BigDecimal sum, long count, String at) {
		if (count == 0) {
			assertThat(answer.isNull()).as(at).isTrue();
			return;
		}
		double mean = sum.divide(BigDecimal.valueOf(count), MathContext.DECIMAL128).doubleValue();
		assertThat(answer.doubleValue()).as(at).isCloseTo(mean, within(Math.ulp(mean) * 2));
	}

	private Hourly hour(String location, String time) {
		return this.hourly.computeIfAbsent(location, (key) -> new TreeMap<>())
			.computeIfAbsent(hourOf(time), (key) -> new Hourly());
	}

	private Product product(String productId) {
		return this.products.computeIfAbsent(productId, (key) -> new Product());
	}

	private static Instant hourOf(String time) {
		return Instant.parse(time).truncatedTo(ChronoUnit.HOURS);
	}

	private static boolean present(JsonNode event, String field) {
		return event.hasNonNull(field);
	}

	private static String text(JsonNode event, String field) {
		return event.get(field).stringValue();
	}

	private static BigDecimal decimal(JsonNode number) {
		return new BigDecimal(number.toString());
	}

}
