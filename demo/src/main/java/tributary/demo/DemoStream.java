package tributary.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.jspecify.annotations.Nullable;
import tributary.demo.DemoEvent.Kind;
import tributary.demo.Texts.Tone;

/**
 * The demo's events, second by second of the run: a few cities whose temperatures follow
 * a daily curve, read by a few stations each; posts on several platforms whose tone
 * follows the weather and the products; feedback with ratings that follow each product's
 * quality. The same seed and run start give the same events.
 *
 * <p>
 * In the backfilled hours Seville has one heat spike, inside one epoch-aligned window of
 * {@link #HEAT_WINDOW} that closes (with the alert rule's grace) before the backfill
 * ends: its readings there stay between 32.6 and 34.8 °C but for exactly one at or above
 * {@link #HIGH_TEMPERATURE}, and most posts there are about Seville and negative. Every
 * other reading of every city stays below 32 °C (no other window can average above 32),
 * and no run of ten posts about one city holds more than three negative ones, so no
 * window of ten posts or more outside the spike is mostly negative. At 30 events/s or
 * more, each 15 minutes of the spike has the ten posts about Seville a sentiment-drop
 * alert needs.
 */
final class DemoStream {

	/** The width of the heat-wave rule's windows, aligned to the epoch. */
	static final Duration HEAT_WINDOW = Duration.ofHours(3);

	/** The high-temperature rule's threshold. */
	static final double HIGH_TEMPERATURE = 35;

	/** Room left after the heat window for the rule's grace period (10 min) to pass. */
	private static final Duration AFTER_HEAT = Duration.ofMinutes(15);

	static final List<City> CITIES = List.of(new City("Seville", "SVQ", 37.39, -5.98, 60, 20, 7),
			new City("Berlin", "BER", 52.52, 13.40, 60, 6, 4), new City("Oslo", "OSL", 59.91, 10.75, 60, 0, 3),
			new City("Lagos", "LOS", 6.52, 3.38, 60, 27, 3), new City("Mumbai", "BOM", 19.08, 72.88, 330, 28, 2.5));

	static final City SEVILLE = CITIES.get(0);

	static final List<Product> PRODUCTS = List.of(new Product("hp-200", "headphones", 4.4),
			new Product("hp-300", "headphones", 3.9), new Product("sp-10", "speaker", 2.1),
			new Product("tv-1", "TV", 4.6), new Product("kb-5", "keyboard", 3.3));

	static final List<String> PLATFORMS = List.of("twitter", "mastodon", "bluesky", "reddit");

	private static final String[] CHANNELS = { "web", "app", "email" };

	/**
	 * At most this many negative posts about a city in any run of ten, outside the spike.
	 */
	private static final int MAX_NEGATIVE_IN_TEN = 3;

	private final Random random;

	private final SimulatedClock clock;

	private final int rate;

	private final String run;

	private final Instant heatStart;

	private final Map<String, Deque<Boolean>> recentNegative = new HashMap<>();

	private boolean spikeSent;

	private long sequence;

	/**
	 * A stream.
	 * @param seed the same seed, the same events
	 * @param clock the run's simulated clock
	 * @param rate events per second of the run
	 */
	DemoStream(long seed, SimulatedClock clock, int rate) {
		if (rate < 1) {
			throw new IllegalArgumentException("rate must be at least 1 but was " + rate);
		}
		this.random = new Random(seed);
		this.clock = clock;
		this.rate = rate;
		this.run = Long.toString(seed, 36) + "-" + Long.toString(clock.runStart().getEpochSecond(), 36);
		this.heatStart = heatWindow(clock.runStart());
	}

	/**
	 * The start of the heat spike's window: the last epoch-aligned window that closes,
	 * with the rule's grace, before the run starts, so its alert is raised during the
	 * backfill.
	 */
	static Instant heatWindow(Instant runStart) {
		long width = HEAT_WINDOW.toSeconds();
		long latestEnd = runStart.minus(AFTER_HEAT).getEpochSecond();
		return Instant.ofEpochSecond(Math.floorDiv(latestEnd, width) * width - width);
	}

	/** The start of the heat spike's window. */
	Instant heatStart() {
		return this.heatStart;
	}

	/**
	 * The events of one second of the run, their own times spread evenly over the
	 * simulated time that second covers. Seconds must be asked for in order.
	 * @param second seconds since the run started
	 * @return {@code rate} events
	 */
	List<DemoEvent> second(long second) {
		Instant from = this.clock.at(Duration.ofSeconds(second));
		long span = Duration.between(from, this.clock.at(Duration.ofSeconds(second + 1))).toNanos();
		List<DemoEvent> events = new ArrayList<>(this.rate);
		for (int i = 0; i < this.rate; i++) {
			Instant at = from.plusNanos((long) (span * ((i + 0.5) / this.rate))).truncatedTo(ChronoUnit.MILLIS);
			int dice = this.random.nextInt(100);
			events.add((dice < 35) ? reading(at) : (dice < 80) ? post(at) : feedback(at));
		}
		return events;
	}

	private boolean inHeat(Instant at) {
		return !at.isBefore(this.heatStart) && at.isBefore(this.heatStart.plus(HEAT_WINDOW));
	}

	private DemoEvent reading(Instant at) {
		boolean heat = inHeat(at);
		City city = (heat && this.random.nextInt(100) < 40) ? SEVILLE : pick(CITIES);
		double temperature;
		if (heat && city == SEVILLE) {
			if (!this.spikeSent && !at.isBefore(this.heatStart.plus(HEAT_WINDOW.dividedBy(2)))) {
				this.spikeSent = true;
				temperature = 36 + this.random.nextDouble() * 3;
			}
			else {
				temperature = 32.6 + this.random.nextDouble() * 2.2;
			}
		}
		else {
			temperature = city.temperature(at) + (this.random.nextDouble() - 0.5) * 2;
		}
		temperature = Math.round(temperature * 10) / 10.0;
		String station = city.code() + "-0" + (1 + this.random.nextInt(3));
		String id = nextId("w");
		String json = new Json().field("id", id)
			.field("stationId", station)
			.field("location", city.name())
			.field("observedAt", at.toString())
			.field("temperatureC", temperature)
			.field("humidityPct", Math.max(5, Math.min(100, 75 - temperature + this.random.nextDouble() * 20)))
			.field("windKph", this.random.nextDouble() * 30)
			.field("condition", condition(temperature))
			.field("lat", city.lat())
			.field("lon", city.lon())
			.toString();
		return new DemoEvent(Kind.READING, id, at, city.name(), json);
	}

	private String condition(double temperature) {
		if (temperature < 0) {
			return this.random.nextBoolean() ? "snow" : "overcast";
		}
		if (temperature > 25) {
			return "sunny";
		}
		return new String[] { "clear", "cloudy", "light rain", "overcast" }[this.random.nextInt(4)];
	}

	private DemoEvent post(Instant at) {
		boolean heat = inHeat(at);
		City city = (heat && this.random.nextInt(100) < 65) ? SEVILLE : pick(CITIES);
		@Nullable Product product = (this.random.nextInt(100) < 35) ? pick(PRODUCTS) : null;
		String text;
		Tone tone;
		if (heat && city == SEVILLE) {
			tone = (this.random.nextInt(100) < 85) ? Tone.NEGATIVE : Tone.NEUTRAL;
			text = (tone == Tone.NEGATIVE) ? pick(Texts.HEAT) : pick(Texts.of(Texts.WEATHER, Tone.NEUTRAL));
		}
		else {
			tone = capped(city, (product != null) ? productTone(product) : weatherTone(city.temperature(at)));
			text = pick(Texts.of((product != null) ? Texts.PRODUCT : Texts.WEATHER, tone));
		}
		remember(city, tone == Tone.NEGATIVE);
		String id = nextId("p");
		Json json = new Json().field("id", id)
			.field("platform", pick(PLATFORMS))
			.field("author", "user-" + this.random.nextInt(500))
			.field("text", Texts.fill(text, city.name(), (product != null) ? product.label() : ""))
			.field("createdAt", at.toString())
			.field("lang", "en")
			.field("location", city.name());
		if (product != null) {
			json.field("productId", product.id());
		}
		if (heat && city == SEVILLE) {
			json.field("hashtags", List.of("heatwave", "seville"));
		}
		return new DemoEvent(Kind.POST, id, at, city.name(), json.toString());
	}

	private Tone weatherTone(double temperature) {
		boolean pleasant = temperature >= 12 && temperature <= 26;
		int dice = this.random.nextInt(100);
		if (pleasant) {
			return (dice < 60) ? Tone.POSITIVE : (dice < 90) ? Tone.NEUTRAL : Tone.NEGATIVE;
		}
		return (dice < 25) ? Tone.POSITIVE : (dice < 70) ? Tone.NEUTRAL : Tone.NEGATIVE;
	}

	private Tone productTone(Product product) {
		// Good products are mostly praised, poor ones mostly not.
		double positive = (product.quality() - 1) / 4 * 0.8;
		double negative = (5 - product.quality()) / 4 * 0.5;
		double dice = this.random.nextDouble();
		return (dice < positive) ? Tone.POSITIVE : (dice < positive + negative) ? Tone.NEGATIVE : Tone.NEUTRAL;
	}

	/** A negative tone only if the city's last nine posts leave room for it. */
	private Tone capped(City city, Tone tone) {
		if (tone != Tone.NEGATIVE) {
			return tone;
		}
		long negative = recent(city).stream().filter(Boolean::booleanValue).count();
		return (negative < MAX_NEGATIVE_IN_TEN) ? tone : Tone.NEUTRAL;
	}

	private void remember(City city, boolean negative) {
		Deque<Boolean> recent = recent(city);
		recent.addLast(negative);
		if (recent.size() > 9) {
			recent.removeFirst();
		}
	}

	private Deque<Boolean> recent(City city) {
		return this.recentNegative.computeIfAbsent(city.name(), (name) -> new ArrayDeque<>());
	}

	private DemoEvent feedback(Instant at) {
		Product product = pick(PRODUCTS);
		City city = pick(CITIES);
		int rating = (int) Math.max(1, Math.min(5, Math.round(product.quality() + this.random.nextGaussian() * 0.8)));
		String id = nextId("f");
		String json = new Json().field("id", id)
			.field("customerId", "cust-" + this.random.nextInt(2000))
			.field("rating", rating)
			.field("submittedAt", at.toString())
			.field("productId", product.id())
			.field("orderId", "ord-" + this.run + "-" + this.random.nextInt(1_000_000))
			.field("comment", pick(Texts.COMMENTS.get(rating - 1)))
			.field("channel", CHANNELS[this.random.nextInt(CHANNELS.length)])
			.field("location", city.name())
			.toString();
		return new DemoEvent(Kind.FEEDBACK, id, at, city.name(), json);
	}

	private String nextId(String kind) {
		return "demo-" + this.run + "-" + kind + "-" + this.sequence++;
	}

	private <T> T pick(List<T> values) {
		return values.get(this.random.nextInt(values.size()));
	}

	/**
	 * A city and its climate.
	 *
	 * @param name its name, the events' location
	 * @param code starts its stations' ids
	 * @param lat latitude
	 * @param lon longitude
	 * @param utcOffsetMinutes its offset from UTC, for the daily curve
	 * @param mean its mean temperature, °C
	 * @param amplitude how far the daily curve swings from the mean, °C
	 */
	record City(String name, String code, double lat, double lon, int utcOffsetMinutes, double mean, double amplitude) {

		/** The daily curve: coolest before dawn, warmest at 15:00 local time. */
		double temperature(Instant at) {
			double hour = Math.floorMod(at.getEpochSecond() + this.utcOffsetMinutes * 60L, 86_400L) / 3600.0;
			return this.mean + this.amplitude * Math.cos(2 * Math.PI * (hour - 15) / 24);
		}

	}

	/**
	 * A product people post about and rate.
	 *
	 * @param id its id
	 * @param kind what it is, as people name it
	 * @param quality its mean rating, 1 to 5
	 */
	record Product(String id, String kind, double quality) {

		String label() {
			return this.id + " " + this.kind;
		}

	}

}
