package tributary.warehouse.intake;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tributary.testsupport.Infrastructure;
import tributary.testsupport.settings.ApplicationYaml;
import tributary.testsupport.settings.StaticMembership;
import tributary.warehouse.TestBroker;
import tributary.warehouse.system.WarehouseProperties;

import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The warehouse's consumers are static members of their group when the environment names
 * the instance, so that an instance restarted after a crash resumes at once instead of
 * after its dead consumers' sessions (RELIABILITY.md, kill-warehouse). Each consumer of
 * the instance joins under its own number: the same id twice would fence one of them.
 */
class ConsumerSettingsTests {

	private static final TestBroker broker = new TestBroker();

	@AfterAll
	static void close() {
		broker.close();
	}

	@Test
	void theConsumersAreStaticMembersOnlyWhenTheEnvironmentNamesTheInstance() {
		StaticMembership.assertNamedBy("TRIBUTARY_WAREHOUSE_INSTANCE_ID", ConsumerSettingsTests::consumer);
	}

	@Test
	void eachConsumerOfTheInstanceJoinsUnderItsOwnNumber() throws Exception {
		broker.createTopics();
		ContainerProperties containerProperties = new ContainerProperties(broker.topic("weather"));
		containerProperties.setGroupId(broker.group);
		containerProperties.setMessageListener((BatchMessageListener<Object, Object>) (records) -> {
		});
		containerProperties
			.setKafkaConsumerProperties(consumer(Map.of("TRIBUTARY_WAREHOUSE_INSTANCE_ID", "local" + broker.suffix)));
		DefaultKafkaConsumerFactory<Object, Object> factory = new DefaultKafkaConsumerFactory<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers()));
		ConcurrentMessageListenerContainer<Object, Object> container = new ConcurrentMessageListenerContainer<>(factory,
				containerProperties);
		container.setConcurrency(3);
		container.start();
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers()))) {
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(instanceIds(admin)).containsExactlyInAnyOrder(
						Optional.of("local" + broker.suffix + "-0"), Optional.of("local" + broker.suffix + "-1"),
						Optional.of("local" + broker.suffix + "-2")));
		}
		finally {
			container.stop();
		}
	}

	private static List<Optional<String>> instanceIds(Admin admin) throws Exception {
		ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(broker.group))
			.describedGroups()
			.get(broker.group)
			.get();
		return group.members().stream().map(MemberDescription::groupInstanceId).toList();
	}

	/** The consumer properties the warehouse's container gets from this environment. */
	private static Properties consumer(Map<String, Object> environment) {
		WarehouseProperties properties = ApplicationYaml.binder(environment)
			.bind("tributary.warehouse", WarehouseProperties.class)
			.get();
		return IntakeConfiguration.consumerProperties(properties.consumer());
	}

}
