package tributary.warehouse.events;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.management.ObjectName;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;
import tributary.testsupport.Infrastructure;
import tributary.warehouse.TestBroker;
import tributary.warehouse.system.BrokerAdmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Topic ids from the real broker, through the warehouse's one admin client, which lives
 * until the warehouse stops: a client per description meant a new connection, a
 * configuration logged whole and JMX beans registered and removed, every ten seconds of
 * the warehouse's life, and the consumer lag kept a client of its own besides.
 */
class AdminLookupTests {

	@Test
	void oneClientServesEveryDescriptionAndTheLagUntilTheWarehouseStops() throws Exception {
		try (TestBroker broker = new TestBroker()) {
			broker.createTopics();
			String clientId = "warehouse-admin" + broker.suffix;
			BrokerAdmin admin = new BrokerAdmin(
					Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers()),
					clientId, Duration.ofSeconds(30));
			AdminLookup lookup = new AdminLookup(admin);
			List<String> topics = List.of(broker.topic("weather"), broker.topic("post"));
			Map<String, String> first = lookup.describe(topics);
			assertThat(first).containsOnlyKeys(topics).allSatisfy((topic, id) -> assertThat(id).hasSize(22));
			for (int i = 0; i < 5; i++) {
				assertThat(lookup.describe(topics)).isEqualTo(first);
			}
			assertThat(admin.client().listConsumerGroupOffsets(broker.group).partitionsToOffsetAndMetadata().get())
				.as("the lag's question, through the same client")
				.isEmpty();
			assertThat(clients(clientId)).as("one client, kept between descriptions and shared").hasSize(1);

			assertThatExceptionOfType(KafkaException.class)
				.as("a missing topic fails as the broker does: the batch is retried")
				.isThrownBy(() -> lookup.describe(List.of(broker.topic("weather") + "_missing")));

			admin.destroy();
			assertThat(clients(clientId)).as("closed as the warehouse stops").isEmpty();
			assertThatExceptionOfType(KafkaException.class).isThrownBy(() -> lookup.describe(topics))
				.withMessageContaining("stopping");
		}
	}

	private static Set<ObjectName> clients(String clientId) throws Exception {
		return ManagementFactory.getPlatformMBeanServer()
			.queryNames(new ObjectName("kafka.admin.client:type=app-info,id=" + clientId), null);
	}

}
