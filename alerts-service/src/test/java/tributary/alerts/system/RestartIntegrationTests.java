package tributary.alerts.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tributary.alerts.AlertsApplication;
import tributary.testsupport.CommittedRecords;
import tributary.testsupport.Infrastructure;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance restarted under the same instance id takes its tasks back as soon as it
 * rejoins. Kafka Streams does not leave the group when it closes (nor, of course, when it
 * is killed), so a dynamic member's successor would wait for the old member's session to
 * time out before anything is processed: two minutes here, where the bound is one.
 */
class RestartIntegrationTests {

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	private static final String READINGS = "weather_data_restart_" + RUN;

	private static final String ALERTS = "weather_alerts_restart_" + RUN;

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void anInstanceRestartedUnderItsInstanceIdResumesLongBeforeItsPredecessorsSessionEnds() throws Exception {
		List<String> arguments = arguments(Files.createTempDirectory("alerts-restart"));

		try (ConfigurableApplicationContext first = start(arguments)) {
			send("before-restart");
			awaitAlert("before-restart", Duration.ofSeconds(90));
		}
		try (ConfigurableApplicationContext second = start(arguments)) {
			send("after-restart");
			awaitAlert("after-restart", Duration.ofSeconds(60));
		}
	}

	private static List<String> arguments(Path stateDir) {
		return new ArrayList<>(List.of("--spring.kafka.bootstrap-servers=" + Infrastructure.kafkaBootstrapServers(),
				"--server.port=0", "--spring.main.banner-mode=off", "--tributary.topics.weather-data=" + READINGS,
				"--tributary.topics.customer-sentiment=customer_sentiment_restart_" + RUN,
				"--tributary.topics.weather-alerts=" + ALERTS, "--tributary.topics.partitions=2",
				"--tributary.alerts.streams.application-id=alerts-restart-" + RUN,
				"--tributary.alerts.streams.state-dir=" + stateDir,
				"--tributary.alerts.streams.instance-id=restart-" + RUN,
				// Long enough that waiting it out cannot pass for a quick resume.
				"--spring.kafka.streams.properties.session.timeout.ms=120000"));
	}

	private static ConfigurableApplicationContext start(List<String> arguments) {
		return new SpringApplicationBuilder(AlertsApplication.class).run(arguments.toArray(String[]::new));
	}

	/** A reading hot enough for a high-temperature alert of its own. */
	private static void send(String id) throws InterruptedException, ExecutionException, TimeoutException {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers()),
				new StringSerializer(), new StringSerializer())) {
			producer.send(new ProducerRecord<>(READINGS, "st-1", """
					{"id":"%s","stationId":"st-1","location":"Seville","observedAt":"2026-07-14T12:10:00Z",\
					"temperatureC":41,"ingestedAt":"2026-07-14T12:10:01Z"}""".formatted(id))).get(60, TimeUnit.SECONDS);
		}
	}

	private static void awaitAlert(String readingId, Duration bound) {
		String id = "high-temperature/" + readingId;
		await().atMost(bound)
			.pollInterval(Duration.ofSeconds(1))
			// The topic is created by the service as it starts.
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(alertIds()).contains(id));
	}

	/** The ids of every alert committed so far. */
	private static List<String> alertIds() {
		return CommittedRecords.of(ALERTS)
			.stream()
			.map((record) -> json.readTree(record.value()).get("id").stringValue())
			.toList();
	}

}
