package tributary.alerts.system;

import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The Streams client's state as health: UP while it runs or rebalances, DOWN once it
 * stopped or failed, so that the probes restart a client that cannot recover.
 */
class StreamsHealthIndicatorTests {

	@ParameterizedTest
	@EnumSource(KafkaStreams.State.class)
	void isUpOnlyWhileTheClientRunsOrIsAboutTo(KafkaStreams.State state) {
		StreamsBuilderFactoryBean factoryBean = mock(StreamsBuilderFactoryBean.class);
		KafkaStreams streams = mock(KafkaStreams.class);
		given(factoryBean.getKafkaStreams()).willReturn(streams);
		given(streams.state()).willReturn(state);

		Health health = new StreamsHealthIndicator(factoryBean).health();

		boolean up = state == KafkaStreams.State.CREATED || state == KafkaStreams.State.REBALANCING
				|| state == KafkaStreams.State.RUNNING;
		assertThat(health.getStatus()).isEqualTo(up ? Status.UP : Status.DOWN);
		assertThat(health.getDetails()).containsEntry("state", state.name());
	}

	@Test
	void isDownBeforeTheClientExists() {
		StreamsBuilderFactoryBean factoryBean = mock(StreamsBuilderFactoryBean.class);

		assertThat(new StreamsHealthIndicator(factoryBean).health().getStatus()).isEqualTo(Status.DOWN);
	}

}
