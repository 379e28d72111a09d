package tributary.warehouse.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.jspecify.annotations.Nullable;
import tributary.warehouse.TestEvents;
import tributary.warehouse.TestEvents.TestEvent;

/**
 * What the demo load sends, in the last hours before now: cities whose temperature
 * follows a daily curve, one of them with a heat spike and the three alerts it raises,
 * posts on a few platforms that turn negative in the heat, and feedback on a few
 * products.
 */
final class DemoLikeEvents {

	static final List<String> CITIES = List.of("Berlin", "Lisbon", "Oslo", "Seville");

	static final List<String> PLATFORMS = List.of("mastodon", "reddit", "twitter");

	static final List<String> PRODUCTS = List.of("headphones-200", "speaker-10", "tv-55");

	static final int HOURS = 12;

	static final int READINGS_PER_HOUR = 4;

	static final int POSTS_PER_HOUR = 5;

	static final int FEEDBACK_PER_HOUR = 3;

	private final Random random = new Random(13);

	private final Instant firstHour;

	private int sequence;

	/**
	 * @param now the test's now: the events fill the {@link #HOURS} whole hours before it
	 */
	DemoLikeEvents(Instant now) {
		this.firstHour = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(HOURS));
	}

	List<TestEvent> all() {
		List<TestEvent> events = new ArrayList<>();
		for (int hour = 0; hour < HOURS; hour++) {
			Instant start = this.firstHour.plus(Duration.ofHours(hour));
			for (String city : CITIES) {
				double temperature = 0;
				for (int reading = 0; reading < READINGS_PER_HOUR; reading++) {
					temperature = temperature(city, hour, reading);
					Instant at = start.plus(Duration.ofMinutes(5 + 15 * reading));
					TestEvent observed = reading(city, at, temperature);
					events.add(observed);
					if (temperature >= 35) {
						events.addAll(alerts(observed, at));
					}
				}
				for (int post = 0; post < POSTS_PER_HOUR; post++) {
					Instant at = start.plus(Duration.ofMinutes(3 + 11 * post));
					TestEvent published = post(city, at);
					events.add(published);
					events.add(scored(published, temperature));
				}
				for (int feedback = 0; feedback < FEEDBACK_PER_HOUR; feedback++) {
					events.add(feedback(city, start.plus(Duration.ofMinutes(10 + 17 * feedback))));
				}
			}
		}
		return events;
	}

	private double temperature(String city, int hour, int reading) {
		double base = switch (city) {
			case "Oslo" -> 4;
			case "Berlin" -> 9;
			case "Lisbon" -> 17;
			default -> 22;
		};
		double daily = 6 * Math.sin(Math.PI * (hour + reading / 4.0) / HOURS);
		double value = base + daily + this.random.nextGaussian() * 0.6;
		// Seville's spike: one reading at 36.4 °C, the hours around it hot.
		if (city.equals("Seville") && hour >= 6 && hour <= 8) {
			value = (hour == 7 && reading == 2) ? 36.4 : 32.5 + this.random.nextDouble();
		}
		return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).doubleValue();
	}

	private TestEvent reading(String city, Instant at, double temperature) {
		Map<String, Object> value = new LinkedHashMap<>();
		value.put("id", "demo-w-" + (++this.sequence));
		value.put("stationId", "station-" + city.toLowerCase());
		value.put("location", city);
		value.put("observedAt", at.toString());
		value.put("temperatureC", temperature);
		value.put("humidityPct", 40 + this.random.nextInt(40));
		value.put("ingestedAt", Instant.now().toString());
		return new TestEvent("weather", "station-" + city.toLowerCase(), value);
	}

	/**
	 * What alerts-service raises about the spike: the reading itself, the epoch-aligned
	 * 3-hour window around it, and the quarter hour whose posts turned negative.
	 */
	private static List<TestEvent> alerts(TestEvent reading, Instant at) {
		String city = (String) reading.value().get("location");
		Instant window = Instant.ofEpochSecond(at.getEpochSecond() - at.getEpochSecond() % (3 * 3600));
		Instant quarter = Instant.ofEpochSecond(at.getEpochSecond() - at.getEpochSecond() % (15 * 60));
		return List.of(
				alert("high-temperature/" + reading.id(), "high-temperature", city, at, at,
						new BigDecimal(reading.value().get("temperatureC").toString()), BigDecimal.valueOf(35), 1,
						reading.id()),
				alert("heat-wave/" + city + "/" + window, "heat-wave", city, window, window.plus(Duration.ofHours(3)),
						new BigDecimal("33.1"), BigDecimal.valueOf(32), 12, null),
				alert("sentiment-drop/" + city + "/" + quarter, "sentiment-drop", city, quarter,
						quarter.plus(Duration.ofMinutes(15)), new BigDecimal("0.72"), new BigDecimal("0.5"), 11, null));
	}

	private static TestEvent alert(String id, String kind, String city, Instant from, Instant to, BigDecimal value,
			BigDecimal threshold, int count, @Nullable String sourceId) {
		Map<String, Object> alert = new LinkedHashMap<>();
		alert.put("id", id);
		alert.put("kind", kind);
		alert.put("location", city);
		alert.put("from", from.toString());
		alert.put("to", to.toString());
		alert.put("value", value);
		alert.put("threshold", threshold);
		alert.put("count", count);
		alert.put("sourceId", sourceId);
		alert.put("raisedAt", to.plusSeconds(2).toString());
		return new TestEvent("alert", city, alert);
	}

	private TestEvent post(String city, Instant at) {
		Map<String, Object> value = new LinkedHashMap<>();
		value.put("id", "demo-p-" + (++this.sequence));
		value.put("platform", PLATFORMS.get(this.random.nextInt(PLATFORMS.size())));
		value.put("author", "author-" + this.random.nextInt(50));
		value.put("text", "What a day in " + city);
		value.put("createdAt", at.toString());
		value.put("location", city);
		if (this.random.nextInt(3) > 0) {
			value.put("productId", PRODUCTS.get(this.random.nextInt(PRODUCTS.size())));
		}
		value.put("ingestedAt", Instant.now().toString());
		return new TestEvent("post", (String) value.get("author"), value);
	}

	private TestEvent scored(TestEvent post, double temperature) {
		// Hot hours read negative, mild ones mostly positive.
		double mood = (temperature >= 32) ? -0.6 : 0.35;
		BigDecimal compound = BigDecimal.valueOf(Math.max(-1, Math.min(1, mood + this.random.nextGaussian() * 0.4)))
			.setScale(4, RoundingMode.HALF_UP);
		return TestEvents.scored(post, compound, Instant.now());
	}

	private TestEvent feedback(String city, Instant at) {
		String product = PRODUCTS.get(this.random.nextInt(PRODUCTS.size()));
		// Each product has its own spread of ratings.
		int rating = switch (product) {
			case "headphones-200" -> 3 + this.random.nextInt(3);
			case "speaker-10" -> 1 + this.random.nextInt(4);
			default -> 2 + this.random.nextInt(4);
		};
		Map<String, Object> value = new LinkedHashMap<>();
		value.put("id", "demo-f-" + (++this.sequence));
		value.put("customerId", "customer-" + this.random.nextInt(200));
		value.put("rating", rating);
		value.put("submittedAt", at.toString());
		value.put("productId", product);
		value.put("location", city);
		value.put("ingestedAt", Instant.now().toString());
		return new TestEvent("feedback", (String) value.get("customerId"), value);
	}

}
