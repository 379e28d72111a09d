package tributary.warehouse;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import tools.jackson.databind.json.JsonMapper;

/**
 * A reproducible stream of valid events for the four topics, as the JSON ingest and
 * sentiment would publish: few locations, platforms and products, over a few hours, so
 * that every aggregate document receives many events from many partitions.
 */
public final class TestEvents {

	public static final String[] LOCATIONS = { "Berlin", "Paris", "Lisboa", "São Paulo", "New York|NY" };

	public static final String[] PLATFORMS = { "twitter", "mastodon", "bluesky" };

	public static final String[] PRODUCTS = { "hp-200", "hp-300", "sp-10", "tv-1" };

	public static final Instant START = Instant.parse("2026-11-20T06:00:00Z");

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Random random;

	private final String prefix;

	private int sequence;

	/**
	 * A stream of events whose ids, locations, platforms and products all start with the
	 * prefix, so that streams of several tests share nothing.
	 * @param seed makes the stream reproducible
	 * @param prefix lowercase letters and digits
	 */
	public TestEvents(long seed, String prefix) {
		this.random = new Random(seed);
		this.prefix = prefix;
	}

	/** One event: its topic role, key and value. */
	public record TestEvent(String role, String key, Map<String, Object> value) {

		public String id() {
			return (String) this.value.get("id");
		}

		public String json() {
			return TestEvents.json.writeValueAsString(this.value);
		}

	}

	public TestEvent reading() {
		Map<String, Object> value = new LinkedHashMap<>();
		String location = this.prefix + " " + pick(LOCATIONS);
		Instant observedAt = time();
		value.put("id", nextId("w"));
		value.put("stationId", "st-" + location.hashCode() % 7 + "-" + this.random.nextInt(3));
		value.put("location", location);
		value.put("observedAt", observedAt.toString());
		value.put("temperatureC", decimal(-200, 350, 1));
		if (this.random.nextInt(4) > 0) {
			value.put("humidityPct", (this.random.nextBoolean()) ? this.random.nextInt(101) : decimal(0, 1000, 1));
		}
		if (this.random.nextInt(3) > 0) {
			value.put("precipitationMm", decimal(0, 120, 2));
		}
		else if (this.random.nextBoolean()) {
			value.put("precipitationMm", null);
		}
		value.put("ingestedAt", observedAt.plusMillis(300).toString());
		return new TestEvent("weather", (String) value.get("stationId"), value);
	}

	public TestEvent post() {
		Map<String, Object> value = new LinkedHashMap<>();
		Instant createdAt = time();
		value.put("id", nextId("p"));
		value.put("platform", this.prefix + "-" + pick(PLATFORMS));
		value.put("author", "author-" + this.random.nextInt(40));
		value.put("text", "Post number " + this.sequence + " about things");
		value.put("createdAt", createdAt.toString());
		if (this.random.nextInt(5) > 0) {
			value.put("location", this.prefix + " " + pick(LOCATIONS));
		}
		if (this.random.nextBoolean()) {
			value.put("productId", this.prefix + "-" + pick(PRODUCTS));
		}
		value.put("ingestedAt", createdAt.plusMillis(200).toString());
		value.put("campaign", "unknown fields are kept");
		return new TestEvent("post", (String) value.get("author"), value);
	}

	/** The sentiment record sentiment-service would publish for a post. */
	public TestEvent scored(TestEvent post) {
		Instant createdAt = Instant.parse((String) post.value().get("createdAt"));
		return scored(post, decimal(-10000, 10000, 4), createdAt.plusSeconds(1));
	}

	/**
	 * The sentiment record sentiment-service would publish for a post, with the given
	 * compound score (labelled as the engine labels it).
	 * @param post the scored post
	 * @param compound its compound score, -1 to 1
	 * @param analyzedAt when it was scored
	 * @return the record on customer_sentiment
	 */
	public static TestEvent scored(TestEvent post, BigDecimal compound, Instant analyzedAt) {
		Map<String, Object> value = new LinkedHashMap<>();
		Map<String, Object> source = post.value();
		String label = (compound.compareTo(new BigDecimal("0.05")) >= 0) ? "positive"
				: (compound.compareTo(new BigDecimal("-0.05")) <= 0) ? "negative" : "neutral";
		value.put("id", source.get("id"));
		value.put("postId", source.get("id"));
		value.put("author", source.get("author"));
		value.put("platform", source.get("platform"));
		value.put("location", source.get("location"));
		value.put("productId", source.get("productId"));
		value.put("createdAt", source.get("createdAt"));
		value.put("ingestedAt", source.get("ingestedAt"));
		value.put("analyzedAt", analyzedAt.toString());
		value.put("compound", compound);
		value.put("positive", new BigDecimal("0.3"));
		value.put("neutral", new BigDecimal("0.5"));
		value.put("negative", new BigDecimal("0.2"));
		value.put("label", label);
		value.put("engineVersion", "tributary-sentiment/1");
		return new TestEvent("sentiment", (String) source.get("author"), value);
	}

	public TestEvent feedback() {
		Map<String, Object> value = new LinkedHashMap<>();
		Instant submittedAt = time();
		value.put("id", nextId("f"));
		value.put("customerId", "c-" + this.random.nextInt(100));
		value.put("rating", 1 + this.random.nextInt(5));
		value.put("submittedAt", submittedAt.toString());
		if (this.random.nextInt(4) > 0) {
			value.put("productId", this.prefix + "-" + pick(PRODUCTS));
		}
		if (this.random.nextInt(3) > 0) {
			value.put("location", this.prefix + " " + pick(LOCATIONS));
		}
		value.put("ingestedAt", submittedAt.plusMillis(100).toString());
		return new TestEvent("feedback", (String) value.get("customerId"), value);
	}

	/**
	 * An alert as alerts-service would publish it, of any kind, about one of the
	 * locations, with an id no other alert of the stream has.
	 */
	public TestEvent alert() {
		Map<String, Object> value = new LinkedHashMap<>();
		String location = this.prefix + " " + pick(LOCATIONS);
		String kind = pick(new String[] { "high-temperature", "heat-wave", "sentiment-drop" });
		String readingId = nextId("w");
		// A window of its own for each alert of the stream: window ids never collide.
		Instant from = START.plus(15L * this.sequence, ChronoUnit.MINUTES);
		value.put("id", switch (kind) {
			case "high-temperature" -> kind + "/" + readingId;
			default -> kind + "/" + location + "/" + from;
		});
		value.put("kind", kind);
		value.put("location", location);
		value.put("from", from.toString());
		value.put("to", (kind.equals("high-temperature") ? from : from.plus(3, ChronoUnit.HOURS)).toString());
		value.put("value", kind.equals("sentiment-drop") ? decimal(51, 100, 2) : decimal(350, 450, 1));
		value.put("threshold", kind.equals("sentiment-drop") ? new BigDecimal("0.5") : BigDecimal.valueOf(35));
		value.put("count", kind.equals("high-temperature") ? 1 : 3 + this.random.nextInt(40));
		value.put("sourceId", kind.equals("high-temperature") ? readingId : null);
		value.put("raisedAt", from.plus(3, ChronoUnit.HOURS).plusSeconds(2).toString());
		return new TestEvent("alert", location, value);
	}

	/** A mixed stream: readings, posts with their sentiment, feedback. */
	public List<TestEvent> mixed(int count) {
		List<TestEvent> events = new ArrayList<>(count);
		while (events.size() < count) {
			switch (this.random.nextInt(4)) {
				case 0 -> events.add(reading());
				case 1 -> {
					TestEvent post = post();
					events.add(post);
					events.add(scored(post));
				}
				case 2 -> events.add(feedback());
				default -> events.add(reading());
			}
		}
		return events;
	}

	private String nextId(String kind) {
		return this.prefix + "-" + kind + "-" + (this.sequence++);
	}

	private Instant time() {
		return START.plus(this.random.nextInt(6 * 3600), ChronoUnit.SECONDS);
	}

	private BigDecimal decimal(int fromUnits, int toUnits, int scale) {
		int units = fromUnits + this.random.nextInt(toUnits - fromUnits + 1);
		return BigDecimal.valueOf(units, scale).setScale(scale, RoundingMode.UNNECESSARY);
	}

	private String pick(String[] values) {
		return values[this.random.nextInt(values.length)];
	}

}
