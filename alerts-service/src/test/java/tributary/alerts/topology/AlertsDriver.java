package tributary.alerts.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;
import org.apache.kafka.streams.test.TestRecord;
import org.jspecify.annotations.Nullable;
import tributary.alerts.system.AlertsProperties;
import tributary.support.topics.TopicsProperties;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The alerts topology in a {@link TopologyTestDriver}, with the service's default
 * settings bound the way Spring Boot binds them, plus any given.
 */
final class AlertsDriver implements AutoCloseable {

	/** What the extractor takes as now: after every instant the tests use but 9999. */
	static final Instant NOW = Instant.parse("2027-01-01T00:00:00Z");

	final TopicsProperties topics;

	final MeterRegistry registry = new SimpleMeterRegistry();

	final TopologyTestDriver driver;

	final TestInputTopic<byte[], byte[]> readings;

	final TestInputTopic<byte[], byte[]> posts;

	final TestOutputTopic<String, String> alerts;

	final TestOutputTopic<byte[], byte[]> readingDeadLetters;

	final TestOutputTopic<byte[], byte[]> postDeadLetters;

	private final Path stateDir;

	AlertsDriver() {
		this(Map.of());
	}

	AlertsDriver(Map<String, String> settings) {
		this.topics = bind("tributary.topics", Map.of(), TopicsProperties.class);
		AlertsProperties properties = bind("tributary.alerts", settings, AlertsProperties.class);
		Properties config = new Properties();
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, "alerts-test");
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
		config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
		// The driver commits after every record, and a commit flushes RocksDB to disk
		// (about 30 ms a record here): the same stores in memory keep the corpus fast.
		// The integration test runs them in RocksDB, as the service does.
		config.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG,
				BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class);
		StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config)));
		new AlertTopology(this.topics, properties,
				new AlertMetrics(this.registry, List.of(this.topics.weatherData(), this.topics.customerSentiment())),
				Clock.fixed(NOW, ZoneOffset.UTC))
			.build(builder);
		try {
			this.stateDir = Files.createTempDirectory("alerts-driver");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		config.put(StreamsConfig.STATE_DIR_CONFIG, this.stateDir.toString());
		this.driver = new TopologyTestDriver(builder.build(), config);
		this.readings = this.driver.createInputTopic(this.topics.weatherData(), new ByteArraySerializer(),
				new ByteArraySerializer());
		this.posts = this.driver.createInputTopic(this.topics.customerSentiment(), new ByteArraySerializer(),
				new ByteArraySerializer());
		this.alerts = this.driver.createOutputTopic(this.topics.weatherAlerts(), new StringDeserializer(),
				new StringDeserializer());
		this.readingDeadLetters = this.driver.createOutputTopic(this.topics.deadLetter(this.topics.weatherData()),
				new ByteArrayDeserializer(), new ByteArrayDeserializer());
		this.postDeadLetters = this.driver.createOutputTopic(this.topics.deadLetter(this.topics.customerSentiment()),
				new ByteArrayDeserializer(), new ByteArrayDeserializer());
	}

	private static <T> T bind(String prefix, Map<String, String> settings, Class<T> type) {
		return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate(prefix, type);
	}

	/** A weather_data record as ingest publishes it, timestamped when it was received. */
	void reading(String id, String location, String observedAt, double temperatureC) {
		this.readings.pipeInput(utf8(id), utf8(Json.reading(id, location, observedAt, temperatureC)),
				Instant.parse(observedAt).plusSeconds(1));
	}

	/** A customer_sentiment record. */
	void post(String id, @Nullable String location, String createdAt, String label) {
		this.posts.pipeInput(utf8("author"), utf8(Json.post(id, location, createdAt, label)),
				Instant.parse(createdAt).plusSeconds(1));
	}

	/** Every alert published so far, in order. */
	List<TestRecord<String, String>> alerts() {
		return this.alerts.readRecordsToList();
	}

	double counted(String kind) {
		return this.registry.counter("tributary.alerts", "kind", kind).count();
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		this.driver.close();
	}

	/** JSON of input records. */
	static final class Json {

		private Json() {
		}

		static String reading(String id, String location, String observedAt, double temperatureC) {
			return """
					{"id":"%s","stationId":"st-1","location":"%s","observedAt":"%s","temperatureC":%s,\
					"humidityPct":40,"ingestedAt":"2026-07-14T13:00:01.250Z"}""".formatted(id, location, observedAt,
					temperatureC);
		}

		static String post(String id, @Nullable String location, String createdAt, String label) {
			return """
					{"id":"%s","postId":"%s","author":"a","platform":"x",%s"createdAt":"%s",\
					"ingestedAt":null,"analyzedAt":"%s","compound":-0.5,"positive":0,"neutral":0.5,\
					"negative":0.5,"label":"%s","engineVersion":"tributary-sentiment/1"}""".formatted(id, id,
					(location != null) ? "\"location\":\"" + location + "\"," : "", createdAt, createdAt, label);
		}

	}

}
