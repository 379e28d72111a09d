package tributary.suite;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import tributary.testsupport.OperationalEndpoints;

import static org.assertj.core.api.Assertions.assertThat;

/** The suite as {@code ./tributary up} starts it. */
class SuiteIntegrationTests {

	private static final List<String> TOPICS = List.of("social_media", "weather_data", "customer_feedback",
			"customer_sentiment", "social_media_dlt", "weather_data_dlt", "customer_feedback_dlt",
			"customer_sentiment_dlt");

	private final RunningSuite suite = RunningSuite.get();

	@Test
	void everyServiceIsHealthyAndShowsItsOperationalEndpoints() {
		this.suite.serviceUrls().forEach((name, url) -> OperationalEndpoints.at(url).assertStandard());
	}

	@Test
	void brokerHasEveryTopicWithTheConfiguredPartitions() throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.suite.kafkaBootstrapServers()))) {
			Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
			assertThat(names).containsAll(TOPICS);
			Map<String, TopicDescription> topics = admin.describeTopics(TOPICS)
				.allTopicNames()
				.get(30, TimeUnit.SECONDS);
			assertThat(topics.values()).allSatisfy((topic) -> assertThat(topic.partitions()).hasSize(6));
		}
	}

	@Test
	void statusReportsEveryProcessUp() {
		String status = this.suite.run("status");
		for (String name : List.of("kafka", "store", "ingest", "sentiment", "warehouse", "alerts")) {
			assertThat(status).containsPattern("(?m)^" + name + "\\s+\\d+\\s+\\d+\\s+UP\\s");
		}
	}

}
