package tributary.warehouse.intake;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tributary.support.topics.TopicsProperties;
import tributary.testsupport.Infrastructure;
import tributary.warehouse.TestBroker;
import tributary.warehouse.events.SourceTopics;
import tributary.warehouse.system.BrokerAdmin;
import tributary.warehouse.system.WarehouseProperties;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lag of the consumed topics against a real broker, one of them missing (as where
 * topics are not provisioned and the alerts topic is not created yet): the others are
 * still measured, and the missing one has nothing to lag behind. Before the first
 * measurement the lag is unknown, not zero.
 */
class ConsumerLagIntegrationTests {

	private static final TestBroker broker = new TestBroker();

	@AfterAll
	static void close() {
		broker.close();
	}

	@Test
	void aMissingTopicLeavesTheLagOfTheOthersMeasured() throws Exception {
		broker.createTopics();
		for (int i = 0; i < 7; i++) {
			broker.publish("weather", "station-" + i, "{}");
		}
		broker.flush();
		Map<String, String> settings = new HashMap<>();
		settings.put("tributary.topics.social-media", broker.topic("post"));
		settings.put("tributary.topics.weather-data", broker.topic("weather"));
		settings.put("tributary.topics.customer-feedback", broker.topic("feedback"));
		settings.put("tributary.topics.customer-sentiment", broker.topic("sentiment"));
		settings.put("tributary.topics.weather-alerts", "never_created" + broker.suffix);
		settings.put("tributary.warehouse.consumer.group-id", broker.group);
		Binder binder = new Binder(new MapConfigurationPropertySource(settings));
		SourceTopics topics = new SourceTopics(binder.bindOrCreate("tributary.topics", TopicsProperties.class));
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		BrokerAdmin admin = new BrokerAdmin(
				Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers()),
				"warehouse-admin" + broker.suffix, Duration.ofSeconds(30));
		ConsumerLag lag = new ConsumerLag(admin, topics,
				binder.bindOrCreate("tributary.warehouse", WarehouseProperties.class), meters);
		assertThat(meters.get("tributary.warehouse.consumer.lag").tag("topic", broker.topic("weather")).gauge().value())
			.as("not measured yet: unknown, not caught up")
			.isNaN();
		lag.start();
		try {
			lag.measure();
			assertThat(meters.get("tributary.warehouse.consumer.lag")
				.tag("topic", broker.topic("weather"))
				.gauge()
				.value()).isEqualTo(7);
			assertThat(meters.get("tributary.warehouse.consumer.lag")
				.tag("topic", "never_created" + broker.suffix)
				.gauge()
				.value()).isZero();
			lag.stop();
			assertThat(admin.client().describeCluster().nodes().get())
				.as("stopping the lag leaves the shared client to the topic ids")
				.isNotEmpty();
		}
		finally {
			lag.stop();
			admin.destroy();
		}
	}

}
