package tributary.warehouse.system;

import java.util.concurrent.TimeUnit;

import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** How the store is reached and checked. */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

	/**
	 * Fails store operations after {@code tributary.warehouse.store.timeout} instead of
	 * the driver's 30 s, so that an unreachable store shows quickly in health and in the
	 * consumer's retries.
	 */
	@Bean
	MongoClientSettingsBuilderCustomizer storeTimeouts(WarehouseProperties properties) {
		long timeout = properties.store().timeout().toMillis();
		return (settings) -> settings
			.applyToClusterSettings((cluster) -> cluster.serverSelectionTimeout(timeout, TimeUnit.MILLISECONDS))
			.applyToSocketSettings((socket) -> socket.connectTimeout((int) timeout, TimeUnit.MILLISECONDS));
	}

	/**
	 * The {@code mongo} health indicator, in place of Boot's, which asks {@code hello}: a
	 * command the embedded store does not know.
	 */
	@Bean
	HealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
		return new StorePing(mongo);
	}

}
