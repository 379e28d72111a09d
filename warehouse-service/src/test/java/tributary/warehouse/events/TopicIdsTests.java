package tributary.warehouse.events;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

import tributary.warehouse.TestStore;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;

/** Topic ids: cached, described again on demand, never trusted after a failed refresh. */
class TopicIdsTests {

	private final MongoTemplate mongo = TestStore.freshDatabase("topic-ids");

	private final Map<String, String> broker = new HashMap<>(Map.of("weather_data", "id-1"));

	private final List<List<String>> asked = new ArrayList<>();

	private boolean brokerDown;

	private final TopicIds topicIds = new TopicIds((topics) -> {
		this.asked.add(List.copyOf(topics));
		if (this.brokerDown) {
			throw new IllegalStateException("broker down");
		}
		Map<String, String> ids = new HashMap<>(this.broker);
		ids.keySet().retainAll(topics);
		return ids;
	}, this.mongo);

	@Test
	void asksTheBrokerOnceForATopicItHasNotSeen() {
		assertThat(this.topicIds.current("weather_data")).isEqualTo("id-1");
		this.broker.put("weather_data", "id-2");

		assertThat(this.topicIds.current("weather_data")).isEqualTo("id-1");
		assertThat(this.asked).containsExactly(List.of("weather_data"));
	}

	@Test
	void aRefreshTakesTheRecreatedTopicsNewId() {
		this.topicIds.current("weather_data");
		this.broker.put("weather_data", "id-2");

		assertThat(this.topicIds.refresh(List.of("weather_data"))).containsEntry("weather_data", "id-2");
		assertThat(this.topicIds.current("weather_data")).isEqualTo("id-2");
	}

	@Test
	void afterAFailedRefreshTheOldIdIsNotUsedButAskedForAgain() {
		this.topicIds.current("weather_data");
		this.broker.put("weather_data", "id-2");
		this.brokerDown = true;
		assertThatRuntimeException().isThrownBy(() -> this.topicIds.refresh(List.of("weather_data")));
		assertThatRuntimeException().isThrownBy(() -> this.topicIds.current("weather_data"));

		this.brokerDown = false;
		assertThat(this.topicIds.current("weather_data")).isEqualTo("id-2");
	}

	@Test
	void aTopicThatDoesNotExistHasNoIdYetAndMayHaveOneLater() {
		// Retriable, so that a batch read while its topic is recreated waits rather than
		// being given up.
		assertThatExceptionOfType(UnknownTopicOrPartitionException.class)
			.isThrownBy(() -> this.topicIds.current("deleted"))
			.withMessageContaining("deleted");
	}

	@Test
	void documentsWithoutIdBelongToTheFirstIncarnationSeenEvenAfterARestart() {
		assertThat(this.topicIds.unmarked("weather_data")).isEqualTo("id-1");
		this.broker.put("weather_data", "id-2");
		this.topicIds.refresh(List.of("weather_data"));
		assertThat(this.topicIds.unmarked("weather_data")).isEqualTo("id-1");

		TopicIds restarted = new TopicIds((topics) -> Map.of("weather_data", "id-2"), this.mongo);
		assertThat(restarted.current("weather_data")).isEqualTo("id-2");
		assertThat(restarted.unmarked("weather_data")).isEqualTo("id-1");
	}

}
