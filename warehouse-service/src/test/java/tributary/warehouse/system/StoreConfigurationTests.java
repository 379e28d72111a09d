package tributary.warehouse.system;

import java.util.concurrent.TimeUnit;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The store's client as the warehouse configures it (no store is reached). */
class StoreConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MongoAutoConfiguration.class))
		.withUserConfiguration(Properties.class, StoreConfiguration.class)
		// Only for the health indicator, which these tests do not use.
		.withBean(MongoTemplate.class, () -> Mockito.mock(MongoTemplate.class))
		.withPropertyValues("spring.mongodb.uri=mongodb://localhost:1/tributary");

	@Test
	void writesWaitForAJournaledMajorityWithin4SecondsByDefault() {
		this.contextRunner.run((context) -> assertThat(writeConcern(context.getBean(MongoClient.class)))
			.isEqualTo(WriteConcern.MAJORITY.withJournal(true).withWTimeout(4, TimeUnit.SECONDS)));
	}

	@Test
	void theConfiguredWriteConcernReachesTheClientOverTheConnectionStrings() {
		this.contextRunner.withPropertyValues("spring.mongodb.uri=mongodb://localhost:1/tributary?w=0&journal=false",
				"tributary.warehouse.store.write-concern.w=2", "tributary.warehouse.store.write-concern.journal=false",
				"tributary.warehouse.store.write-concern.timeout=1500ms")
			.run((context) -> assertThat(writeConcern(context.getBean(MongoClient.class)))
				.isEqualTo(new WriteConcern(2).withJournal(false).withWTimeout(1500, TimeUnit.MILLISECONDS)));
	}

	@Test
	void aTagSetNamesTheMembersThatMustHaveAWrite() {
		assertThat(StoreConfiguration
			.writeConcern(new WarehouseProperties.WriteConcern("dataCenters", true, java.time.Duration.ofSeconds(2))))
			.isEqualTo(new WriteConcern("dataCenters").withJournal(true).withWTimeout(2, TimeUnit.SECONDS));
	}

	@Test
	void refusesAWriteConcernThatWouldNotBeAcknowledgedOrCouldNotWait() {
		this.contextRunner.withPropertyValues("tributary.warehouse.store.write-concern.w=0")
			.run((context) -> assertThat(context).getFailure()
				.hasRootCauseMessage(
						"tributary.warehouse.store.write-concern.w must be 'majority', a number of members of at least 1 "
								+ "or a tag set's name, but was '0'"));
		this.contextRunner.withPropertyValues("tributary.warehouse.store.write-concern.timeout=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("write-concern.timeout must be positive"));
	}

	private static WriteConcern writeConcern(MongoClient client) {
		return client.getDatabase("tributary").getWriteConcern();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(WarehouseProperties.class)
	static class Properties {

	}

}
