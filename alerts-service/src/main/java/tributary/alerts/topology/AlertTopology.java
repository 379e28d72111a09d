package tributary.alerts.topology;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.WindowStore;
import org.jspecify.annotations.Nullable;
import tributary.alerts.rules.Alert;
import tributary.alerts.rules.AlertRules;
import tributary.alerts.rules.Reading;
import tributary.alerts.rules.ScoredPost;
import tributary.alerts.rules.WindowStats;
import tributary.alerts.system.AlertsProperties;
import tributary.support.topics.TopicsProperties;

/**
 * The alerts topology.
 *
 * <pre>
 * weather_data ──check──┬─ rejected ──────────────────────────────────────▶ weather_data_dlt
 *                       ├─ high-temperature per reading ──────────────────┐
 *                       └─ by location ─ 3 h windows ─ until closed ─ rule ┤
 * customer_sentiment ─check─┬─ rejected ──────────────────────────────────▶ customer_sentiment_dlt
 *                           └─ by location ─ 15 min windows ─ until closed ─ rule ┴─▶ weather_alerts
 * </pre>
 *
 * <p>
 * Every step runs in the stream thread's exactly-once transaction: the alerts, the dead
 * letters, the window stores' changelogs, the repartition topics and the input offsets
 * are committed together or not at all. Windows are tumbling and aligned to the epoch, in
 * event time; an alert of a window is raised once stream time has passed its end and its
 * grace, and then only once, because a window is final once closed. Operators are named
 * so that internal topics keep their names when the topology changes elsewhere.
 */
public final class AlertTopology {

	/** The store of the heat-wave windows (its changelog is named after it). */
	public static final String HEAT_WAVE_STORE = "heat-wave-windows";

	/** The store of the sentiment-drop windows. */
	public static final String SENTIMENT_DROP_STORE = "sentiment-drop-windows";

	private final TopicsProperties topics;

	private final AlertsProperties properties;

	private final AlertRules rules;

	private final AlertMetrics metrics;

	private final Clock clock;

	public AlertTopology(TopicsProperties topics, AlertsProperties properties, AlertMetrics metrics, Clock clock) {
		this.topics = topics;
		this.properties = properties;
		this.rules = new AlertRules(properties);
		this.metrics = metrics;
		this.clock = clock;
	}

	/** Adds the topology to a builder. */
	public void build(StreamsBuilder builder) {
		Serde<Alert> alerts = Serialization.alerts();
		KStream<byte[], Checked.Accepted<Reading>> readings = checked(builder, this.topics.weatherData(), "readings",
				Reading::parse, Reading::observedAt);
		KStream<byte[], Checked.Accepted<ScoredPost>> posts = checked(builder, this.topics.customerSentiment(), "posts",
				ScoredPost::parse, ScoredPost::createdAt);
		highTemperature(readings).merge(heatWave(readings), Named.as("alerts-of-readings"))
			.merge(sentimentDrop(posts), Named.as("alerts"))
			.processValues(() -> new PublishAlerts(this.metrics), Named.as("publish-alerts"))
			.to(this.topics.weatherAlerts(), Produced.with(Serdes.String(), alerts).withName("weather-alerts"));
	}

	/**
	 * Reads each record of a topic once with its contract's reader, sends the ones it
	 * refused to the dead-letter topic and passes on the rest.
	 */
	private <T> KStream<byte[], Checked.Accepted<T>> checked(StreamsBuilder builder, String topic, String name,
			Function<byte @Nullable [], T> reader, Function<T, Instant> eventTime) {
		EventTimeExtractor extractor = new EventTimeExtractor(this.properties.streams().maxClockSkew(), this.clock);
		KStream<byte[], Checked<T>> checked = builder
			.stream(topic,
					Consumed.with(Serdes.ByteArray(), Serialization.parsed(reader, eventTime))
						.withTimestampExtractor(extractor)
						.withName(name))
			.processValues(() -> new CheckRecords<T>(this.metrics), Named.as(name + "-check"));
		checked.filter((key, record) -> record instanceof Checked.Rejected, Named.as(name + "-rejected"))
			.to(this.topics.deadLetter(topic),
					Produced.with(Serdes.ByteArray(), Serialization.<T>deadLetters())
						.withStreamPartitioner(Serialization.<T>samePartition())
						.withName(name + "-dead-letter-topic"));
		return checked.flatMapValues(
				(record) -> (record instanceof Checked.Accepted<T> accepted) ? List.of(accepted) : List.of(),
				Named.as(name + "-accepted"));
	}

	private KStream<String, Alert> highTemperature(KStream<byte[], Checked.Accepted<Reading>> readings) {
		return readings.flatMap((key, reading) -> present(this.rules.highTemperature(reading.value())),
				Named.as("high-temperature"));
	}

	private KStream<String, Alert> heatWave(KStream<byte[], Checked.Accepted<Reading>> readings) {
		AlertsProperties.HeatWave heatWave = this.properties.heatWave();
		return readings.filter((key, reading) -> reading.eventTime(), Named.as("heat-wave-in-event-time"))
			.map((key, reading) -> KeyValue.pair(reading.value().location(), reading.value().temperatureC()),
					Named.as("heat-wave-location"))
			.groupByKey(Grouped.with("heat-wave-by-location", Serdes.String(), Serdes.Double()))
			.windowedBy(TimeWindows.ofSizeAndGrace(heatWave.window(), heatWave.grace()))
			.aggregate(() -> WindowStats.EMPTY, (location, temperature, stats) -> stats.plus(temperature),
					Named.as("heat-wave-aggregate"),
					Materialized.<String, WindowStats, WindowStore<Bytes, byte[]>>as(HEAT_WAVE_STORE)
						.withKeySerde(Serdes.String())
						.withValueSerde(Serialization.windowStats()))
			.suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())
				.withName("heat-wave-until-closed"))
			.toStream(Named.as("heat-wave-closed"))
			.flatMap((window, stats) -> present(this.rules.heatWave(window.key(), start(window), end(window), stats)),
					Named.as("heat-wave"));
	}

	private KStream<String, Alert> sentimentDrop(KStream<byte[], Checked.Accepted<ScoredPost>> posts) {
		AlertsProperties.SentimentDrop sentimentDrop = this.properties.sentimentDrop();
		return posts
			.filter((key, post) -> post.eventTime() && post.value().location() != null,
					Named.as("sentiment-drop-located-in-event-time"))
			.map((key, post) -> KeyValue.pair(locationOf(post.value()), post.value().negative() ? 1.0 : 0.0),
					Named.as("sentiment-drop-location"))
			.groupByKey(Grouped.with("sentiment-drop-by-location", Serdes.String(), Serdes.Double()))
			.windowedBy(TimeWindows.ofSizeAndGrace(sentimentDrop.window(), sentimentDrop.grace()))
			.aggregate(() -> WindowStats.EMPTY, (location, negative, stats) -> stats.plus(negative),
					Named.as("sentiment-drop-aggregate"),
					Materialized.<String, WindowStats, WindowStore<Bytes, byte[]>>as(SENTIMENT_DROP_STORE)
						.withKeySerde(Serdes.String())
						.withValueSerde(Serialization.windowStats()))
			.suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())
				.withName("sentiment-drop-until-closed"))
			.toStream(Named.as("sentiment-drop-closed"))
			.flatMap(
					(window, stats) -> present(
							this.rules.sentimentDrop(window.key(), start(window), end(window), stats)),
					Named.as("sentiment-drop"));
	}

	private static String locationOf(ScoredPost post) {
		String location = post.location();
		if (location == null) {
			throw new IllegalStateException("posts without a location are filtered out before");
		}
		return location;
	}

	private static Instant start(Windowed<String> window) {
		return Instant.ofEpochMilli(window.window().start());
	}

	private static Instant end(Windowed<String> window) {
		return Instant.ofEpochMilli(window.window().end());
	}

	private static List<KeyValue<String, Alert>> present(@Nullable Alert alert) {
		return (alert != null) ? List.of(KeyValue.pair(alert.location(), alert)) : List.of();
	}

}
