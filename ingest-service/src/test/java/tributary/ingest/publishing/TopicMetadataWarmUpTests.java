package tributary.ingest.publishing;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;

import static org.assertj.core.api.Assertions.assertThat;

class TopicMetadataWarmUpTests {

	private static final List<String> TOPICS = List.of("social_media", "weather_data", "customer_feedback");

	@Test
	void fetchesEveryTopicBeforeTheWebServerStarts() {
		List<String> fetched = new ArrayList<>();
		TopicMetadataWarmUp warmUp = new TopicMetadataWarmUp(TOPICS, fetched::add);
		warmUp.start();
		assertThat(fetched).containsExactlyElementsOf(TOPICS);
		assertThat(warmUp.isRunning()).isTrue();
		// Boot's servlet WebServerStartStopLifecycle starts in this phase; lower phases
		// start before it.
		assertThat(warmUp.getPhase()).isLessThan(WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 1024);
	}

	@Test
	void aBrokerOutOfReachStopsTheWarmUpAfterOneWaitWithoutFailingTheStart() {
		List<String> tried = new ArrayList<>();
		TopicMetadataWarmUp warmUp = new TopicMetadataWarmUp(TOPICS, (topic) -> {
			tried.add(topic);
			throw new TimeoutException("Topic " + topic + " not present in metadata after 2000 ms.");
		});
		warmUp.start();
		assertThat(tried).containsExactly("social_media");
		assertThat(warmUp.isRunning()).isTrue();
		warmUp.stop();
		assertThat(warmUp.isRunning()).isFalse();
	}

}
