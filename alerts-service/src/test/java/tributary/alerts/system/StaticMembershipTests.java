package tributary.alerts.system;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;

import tributary.support.topics.TopicsProperties;
import tributary.testsupport.settings.ApplicationYaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stream threads join the group as static members when the environment names the
 * instance, so that an instance restarted after a crash takes its tasks back at once
 * instead of waiting for its dead predecessor's session to time out (RELIABILITY.md,
 * kill-alerts); without a name they join as dynamic members, which is safe for any number
 * of instances started by hand.
 */
class StaticMembershipTests {

	@Test
	void withoutAnInstanceIdTheThreadsJoinAsDynamicMembers() {
		assertThat(mainConsumer(Map.of(), 0)).doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
		assertThat(mainConsumer(Map.of("TRIBUTARY_ALERTS_INSTANCE_ID", "  "), 0))
			.doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
	}

	@Test
	void eachStreamThreadIsAStaticMemberUnderTheInstanceIdAndItsNumber() {
		Map<String, Object> environment = Map.of("TRIBUTARY_ALERTS_INSTANCE_ID", "alerts-0");

		assertThat(mainConsumer(environment, 1)).containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "alerts-0-1");
		assertThat(mainConsumer(environment, 2)).containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "alerts-0-2");
	}

	@Test
	void theInstanceIdMayNameAnotherVariableSuchAsTheContainersHostName() {
		// What docker-compose.yml passes: the service resolves ${HOSTNAME} itself.
		Map<String, Object> environment = Map.of("TRIBUTARY_ALERTS_INSTANCE_ID", "${HOSTNAME}", "HOSTNAME",
				"3f2a9c81d0be");

		assertThat(mainConsumer(environment, 1)).containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
				"3f2a9c81d0be-1");
	}

	@Test
	void onlyTheStreamThreadsConsumersJoinTheGroup() {
		StreamsConfig config = streamsConfig(Map.of("TRIBUTARY_ALERTS_INSTANCE_ID", "alerts-0"));

		assertThat(config.getRestoreConsumerConfigs("client"))
			.doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
		assertThat(config.getGlobalConsumerConfigs("client"))
			.doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
	}

	private static Map<String, Object> mainConsumer(Map<String, Object> environment, int thread) {
		return streamsConfig(environment).getMainConsumerConfigs("tributary-alerts", "client", thread);
	}

	private static StreamsConfig streamsConfig(Map<String, Object> environment) {
		Binder binder = ApplicationYaml.binder(environment);
		AlertsProperties alerts = binder.bind("tributary.alerts", AlertsProperties.class).get();
		TopicsProperties topics = binder.bind("tributary.topics", TopicsProperties.class).get();
		KafkaConnectionDetails connection = () -> List.of("localhost:9092");
		return new StreamsConfig(new StreamsConfiguration()
			.defaultKafkaStreamsConfig(ApplicationYaml.kafka(environment), connection, alerts, topics)
			.asProperties());
	}

}
