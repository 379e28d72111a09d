package tributary.warehouse.system;

import java.util.concurrent.TimeUnit;

import com.mongodb.WriteConcern;

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
	 * the driver's 30 s to find the store and no limit at all on an answer, so that an
	 * unreachable store shows quickly in health and in the consumer's retries. The read
	 * timeout matters most: a connection that stays open while the store behind it has
	 * gone silent (a crashed host, a dropped route, a stalled relay) would otherwise
	 * block a consumer forever in the middle of a batch, neither failing nor committing.
	 */
	@Bean
	MongoClientSettingsBuilderCustomizer storeTimeouts(WarehouseProperties properties) {
		long timeout = properties.store().timeout().toMillis();
		return (settings) -> settings
			.applyToClusterSettings((cluster) -> cluster.serverSelectionTimeout(timeout, TimeUnit.MILLISECONDS))
			.applyToSocketSettings((socket) -> socket.connectTimeout((int) timeout, TimeUnit.MILLISECONDS)
				.readTimeout(timeout, TimeUnit.MILLISECONDS));
	}

	/**
	 * Every write waits for {@code tributary.warehouse.store.write-concern}, whatever the
	 * connection string says: "stored" must mean it survives a crash of the store.
	 */
	@Bean
	MongoClientSettingsBuilderCustomizer storeWriteConcern(WarehouseProperties properties) {
		WriteConcern writeConcern = writeConcern(properties.store().writeConcern());
		return (settings) -> settings.writeConcern(writeConcern);
	}

	static WriteConcern writeConcern(WarehouseProperties.WriteConcern configured) {
		String w = configured.w().strip();
		WriteConcern concern = w.chars().allMatch(Character::isDigit) ? new WriteConcern(Integer.parseInt(w))
				: new WriteConcern(w);
		return concern.withJournal(configured.journal())
			.withWTimeout(configured.timeout().toMillis(), TimeUnit.MILLISECONDS);
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
