package tributary.alerts.topology;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tributary.testsupport.CommittedRecords;
import tributary.testsupport.contracts.ContractSchemas;
import tributary.testsupport.Infrastructure;
import tributary.testsupport.OperationalEndpoints;
import tributary.testsupport.WithInfrastructure;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service through a real broker: readings and a poison record in, each alert exactly
 * once on weather_alerts for a read_committed reader, the poison record in the
 * dead-letter topic, and the operational surface with the alert and Streams metrics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithInfrastructure
class AlertsIntegrationTests {

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	private static final String READINGS = "weather_data_" + RUN;

	private static final String POSTS = "customer_sentiment_" + RUN;

	private static final String ALERTS = "weather_alerts_" + RUN;

	private static final JsonMapper json = JsonMapper.builder().build();

	@DynamicPropertySource
	static void isolated(DynamicPropertyRegistry registry) throws java.io.IOException {
		Path stateDir = Files.createTempDirectory("alerts-state");
		registry.add("tributary.topics.weather-data", () -> READINGS);
		registry.add("tributary.topics.customer-sentiment", () -> POSTS);
		registry.add("tributary.topics.weather-alerts", () -> ALERTS);
		registry.add("tributary.topics.partitions", () -> 2);
		registry.add("tributary.alerts.streams.application-id", () -> "alerts-" + RUN);
		registry.add("tributary.alerts.streams.state-dir", stateDir::toString);
	}

	@LocalServerPort
	int port;

	@Autowired
	KafkaStreamsConfiguration streams;

	@Test
	void theStreamThreadsConsumerWaitsForDataButTheRestoreConsumerDoesNot() {
		StreamsConfig config = new StreamsConfig(this.streams.asProperties());
		Map<String, Object> main = config.getMainConsumerConfigs("alerts-" + RUN, "client", 0);
		Map<String, Object> restore = config.getRestoreConsumerConfigs("client");
		assertThat(String.valueOf(main.get(ConsumerConfig.FETCH_MIN_BYTES_CONFIG))).isEqualTo("65536");
		assertThat(String.valueOf(main.get(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG))).isEqualTo("100");
		assertThat(restore).doesNotContainKey(ConsumerConfig.FETCH_MIN_BYTES_CONFIG);
		assertThat(String.valueOf(main.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG))).isEqualTo("read_committed");
	}

	@Test
	void theStreamThreadsProducerSendsAtTheCommitRatherThanEvery100Milliseconds() {
		StreamsConfig config = new StreamsConfig(this.streams.asProperties());
		Map<String, Object> producer = config.getProducerConfigs("client");
		assertThat(String.valueOf(producer.get(ProducerConfig.LINGER_MS_CONFIG))).isEqualTo("1000");
		assertThat(config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isLessThan(1000);
	}

	@Test
	void raisesEachAlertExactlyOnceForAReadCommittedReader() {
		List<ProducerRecord<String, String>> records = new ArrayList<>();
		// Seville's 12:00-15:00 window: one reading of 36 °C, a mean of 34 over three.
		records.add(reading("st-1", "it-1", "Seville", "2026-07-14T12:10:00Z", 36));
		records.add(new ProducerRecord<>(READINGS, "st-1", "{\"poison\":"));
		records.add(reading("st-2", "it-2", "Seville", "2026-07-14T13:10:00Z", 33));
		records.add(reading("st-3", "it-3", "Seville", "2026-07-14T14:10:00Z", 33));
		// Past the window's end and grace in Seville's partition: the window closes.
		records.add(reading("st-1", "it-4", "Seville", "2026-07-14T16:00:00Z", 20));
		send(records);

		List<ConsumerRecord<String, String>> alerts = await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> CommittedRecords.of(ALERTS), (read) -> read.size() >= 2);
		List<ConsumerRecord<String, String>> dead = await().atMost(Duration.ofSeconds(30))
			.until(() -> CommittedRecords.of(READINGS + "_dlt"), (read) -> !read.isEmpty());
		// A little longer: nothing else may come, no alert twice.
		await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
		alerts = CommittedRecords.of(ALERTS);

		assertThat(alerts).extracting((record) -> json.readTree(record.value()).get("id").stringValue())
			.containsExactlyInAnyOrder("high-temperature/it-1", "heat-wave/Seville/2026-07-14T12:00:00Z");
		for (ConsumerRecord<String, String> alert : alerts) {
			assertThat(alert.key()).isEqualTo("Seville");
			assertThat(header(alert, "event-type")).isEqualTo("alert");
			assertThat(header(alert, "schema-version")).isEqualTo("1");
			ContractSchemas.assertValid("weather_alerts", alert.value());
		}
		assertThat(dead).hasSize(1);
		assertThat(dead.get(0).value()).isEqualTo("{\"poison\":");
		assertThat(header(dead.get(0), "kafka_dlt-original-topic")).isEqualTo(READINGS);
		assertThat(header(dead.get(0), "tributary-dead-letter-reason")).startsWith("value is not JSON");

		OperationalEndpoints endpoints = OperationalEndpoints.at("http://localhost:" + this.port);
		endpoints.assertStandard();
		assertThat(endpoints.get("/readyz").body()).contains("kafkaStreams");
		String metrics = endpoints.get("/actuator/prometheus").body();
		assertThat(metrics).contains("tributary_alerts_total{application=\"alerts-service\",kind=\"heat-wave\"} 1.0")
			.contains("tributary_alerts_total{application=\"alerts-service\",kind=\"high-temperature\"} 1.0")
			.contains("tributary_alerts_dead_lettered_total")
			.contains("kafka_stream_");
	}

	private static ProducerRecord<String, String> reading(String station, String id, String location, String observedAt,
			double temperatureC) {
		return new ProducerRecord<>(READINGS, station, """
				{"id":"%s","stationId":"%s","location":"%s","observedAt":"%s","temperatureC":%s,\
				"ingestedAt":"2026-07-14T16:00:01Z"}""".formatted(id, station, location, observedAt, temperatureC));
	}

	private static void send(List<ProducerRecord<String, String>> records) {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers(),
						ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
				new StringSerializer(), new StringSerializer())) {
			// One at a time: the closing reading must come after the window's readings.
			for (ProducerRecord<String, String> record : records) {
				Future<RecordMetadata> sent = producer.send(record);
				sent.get(60, TimeUnit.SECONDS);
			}
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not send the test records", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String header(ConsumerRecord<String, String> record, String name) {
		Header header = record.headers().lastHeader(name);
		assertThat(header).as(name).isNotNull();
		return new String(header.value(), StandardCharsets.UTF_8);
	}

}
