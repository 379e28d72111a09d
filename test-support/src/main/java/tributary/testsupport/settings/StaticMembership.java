package tributary.testsupport.settings;

import java.util.Map;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service with static group membership promises of its instance-id variable:
 * no static membership unless the environment names the instance (blank counts as
 * unnamed, which is safe for instances started by hand), the name as given otherwise, and
 * a name that is another variable, such as the {@code ${HOSTNAME}} that
 * docker-compose.yml passes, resolved by the service itself.
 */
public final class StaticMembership {

	private StaticMembership() {
	}

	/**
	 * Asserts the promise of one service.
	 * @param variable the service's instance-id variable
	 * @param consumerSettings the consumer settings the service's configuration gives
	 * under an environment
	 */
	public static void assertNamedBy(String variable,
			Function<Map<String, Object>, ? extends Map<?, ?>> consumerSettings) {
		assertThat(instanceId(consumerSettings, Map.of())).isNull();
		assertThat(instanceId(consumerSettings, Map.of(variable, " "))).isNull();
		assertThat(instanceId(consumerSettings, Map.of(variable, "local"))).isEqualTo("local");
		assertThat(instanceId(consumerSettings, Map.of(variable, "${HOSTNAME}", "HOSTNAME", "3f2a9c81d0be")))
			.isEqualTo("3f2a9c81d0be");
	}

	private static @Nullable Object instanceId(Function<Map<String, Object>, ? extends Map<?, ?>> consumerSettings,
			Map<String, Object> environment) {
		return consumerSettings.apply(environment).get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
	}

}
