package tributary.support.topics;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TopicsPropertiesTests {

	@Test
	void namesTheDeadLetterTopicAfterTheConsumedTopic() {
		assertThat(properties(6, (short) 1, Duration.ofDays(7)).deadLetter("social_media"))
			.isEqualTo("social_media_dlt");
	}

	@Test
	void listsTheFiveEventTopicsInTheOrderDataFlows() {
		assertThat(properties(6, (short) 1, Duration.ofDays(7)).eventTopics()).containsExactly("social_media",
				"weather_data", "customer_feedback", "customer_sentiment", "weather_alerts");
	}

	@Test
	void rejectsImpossibleSettings() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties(0, (short) 1, Duration.ofDays(1)))
			.withMessageContaining("partitions");
		assertThatIllegalArgumentException().isThrownBy(() -> properties(6, (short) 0, Duration.ofDays(1)))
			.withMessageContaining("replication-factor");
		assertThatIllegalArgumentException().isThrownBy(() -> properties(6, (short) 1, Duration.ZERO))
			.withMessageContaining("retention");
	}

	@Test
	void requiresTwoInSyncReplicasWhenThereAreThree() {
		var topics = new TopicsConfiguration().tributaryTopics(properties(6, (short) 3, Duration.ofDays(7))).topics();

		assertThat(topics).hasSize(10)
			.allSatisfy((topic) -> assertThat(topic.configs()).containsEntry("min.insync.replicas", "2"));
	}

	private static TopicsProperties properties(int partitions, short replicas, Duration retention) {
		return new TopicsProperties(true, partitions, replicas, retention, "social_media", "weather_data",
				"customer_feedback", "customer_sentiment", "weather_alerts", "_dlt", Duration.ofSeconds(30));
	}

}
