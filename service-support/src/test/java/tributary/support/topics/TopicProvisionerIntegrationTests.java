package tributary.support.topics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tributary.testsupport.Infrastructure;

import org.springframework.kafka.core.KafkaAdmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Provisioning against the real broker: missing topics are created, existing ones left
 * alone.
 */
class TopicProvisionerIntegrationTests {

	private final String prefix = "provision_" + UUID.randomUUID().toString().substring(0, 8) + "_";

	private final TopicsProperties properties = new TopicsProperties(true, 6, (short) 1, Duration.ofDays(7),
			this.prefix + "social_media", this.prefix + "weather_data", this.prefix + "customer_feedback",
			this.prefix + "customer_sentiment", this.prefix + "weather_alerts", "_dlt", Duration.ofSeconds(30));

	private Admin admin;

	@BeforeEach
	void connect() {
		this.admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers()));
	}

	@AfterEach
	void close() {
		this.admin.close();
	}

	@Test
	void createsEveryEventTopicAndItsDeadLetterTopicWithTheDeclaredSettings() throws Exception {
		TopicProvisioner.ProvisioningReport report = provisioner().provision(this.admin, declared());

		List<String> expected = List.of(this.prefix + "social_media", this.prefix + "social_media_dlt",
				this.prefix + "weather_data", this.prefix + "weather_data_dlt", this.prefix + "customer_feedback",
				this.prefix + "customer_feedback_dlt", this.prefix + "customer_sentiment",
				this.prefix + "customer_sentiment_dlt", this.prefix + "weather_alerts",
				this.prefix + "weather_alerts_dlt");
		assertThat(report.created()).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(report.differing()).isEmpty();
		// Metadata of a new topic reaches the broker's caches a moment after creation.
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
			Map<String, TopicDescription> topics = this.admin.describeTopics(expected)
				.allTopicNames()
				.get(30, TimeUnit.SECONDS);
			assertThat(topics.values()).allSatisfy((topic) -> assertThat(topic.partitions()).hasSize(6));
			assertThat(retentionOf(this.prefix + "weather_data"))
				.isEqualTo(Long.toString(Duration.ofDays(7).toMillis()));
		});
	}

	@Test
	void leavesAnExistingTopicWithOtherSettingsAsItIsAndReportsTheDifference() throws Exception {
		String existing = this.prefix + "weather_data";
		this.admin
			.createTopics(List.of(new NewTopic(existing, 2, (short) 1)
				.configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofHours(1).toMillis())))))
			.all()
			.get(30, TimeUnit.SECONDS);

		TopicProvisioner.ProvisioningReport report = provisioner().provision(this.admin, declared());

		assertThat(report.created()).doesNotContain(existing).contains(this.prefix + "weather_data_dlt");
		assertThat(report.differing()).singleElement()
			.asString()
			.contains(existing)
			.contains("2 partitions")
			.contains("3600000");
		TopicDescription after = this.admin.describeTopics(List.of(existing))
			.allTopicNames()
			.get(30, TimeUnit.SECONDS)
			.get(existing);
		assertThat(after.partitions()).hasSize(2);
		assertThat(retentionOf(existing)).isEqualTo("3600000");
	}

	@Test
	void provisioningTwiceCreatesNothingTheSecondTime() throws Exception {
		provisioner().provision(this.admin, declared());

		TopicProvisioner.ProvisioningReport second = provisioner().provision(this.admin, declared());

		assertThat(second.created()).isEmpty();
		assertThat(second.differing()).isEmpty();
	}

	private TopicProvisioner provisioner() {
		KafkaAdmin kafkaAdmin = new KafkaAdmin(
				Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers()));
		return new TopicProvisioner(this.properties, kafkaAdmin, this::declared);
	}

	private List<NewTopic> declared() {
		return new TopicsConfiguration().tributaryTopics(this.properties).topics();
	}

	private String retentionOf(String topic) throws Exception {
		ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
		return this.admin.describeConfigs(List.of(resource))
			.all()
			.get(30, TimeUnit.SECONDS)
			.get(resource)
			.get(TopicConfig.RETENTION_MS_CONFIG)
			.value();
	}

}
