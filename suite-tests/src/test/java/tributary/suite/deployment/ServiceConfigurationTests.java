package tributary.suite.deployment;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the deployment checks decide that an environment variable configures a service: as
 * Spring Boot binds it at run time.
 */
class ServiceConfigurationTests {

	private final ServiceConfiguration warehouse = ServiceConfiguration.of("warehouse-service");

	@Test
	void readsVariablesThatBindToDeclaredPropertiesUnderRelaxedBinding() {
		assertThat(this.warehouse.reads("SERVER_SHUTDOWN")).isTrue();
		assertThat(this.warehouse.reads("SPRING_KAFKA_BOOTSTRAP_SERVERS")).isTrue();
		assertThat(this.warehouse.reads("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED")).isTrue();
	}

	@Test
	void readsVariablesThatBindIntoMapProperties() {
		assertThat(this.warehouse.reads("LOGGING_LEVEL_TRIBUTARY")).isTrue();
	}

	@Test
	void readsThePlaceholdersOfApplicationYaml() {
		assertThat(this.warehouse.reads("PORT")).isTrue();
		assertThat(this.warehouse.reads("MONGODB_URI")).isTrue();
		assertThat(this.warehouse.reads("KAFKA_BOOTSTRAP_SERVERS")).isTrue();
	}

	@Test
	void ignoresVariablesNoPropertyBindsTo() {
		assertThat(this.warehouse.reads("SERVER_PROT")).isFalse();
		assertThat(this.warehouse.reads("TRIBUTARY_NO_SUCH_SETTING")).isFalse();
		assertThat(this.warehouse.reads("MONGO_URI")).isFalse();
		assertThat(ServiceConfiguration.of("ingest-service").reads("MONGODB_URI")).as("only the warehouse reads it")
			.isFalse();
	}

	@Test
	void knowsEachServicesDefaultPort() {
		assertThat(ServiceConfiguration.of("ingest-service").defaultPort()).isEqualTo(8080);
		assertThat(ServiceConfiguration.of("sentiment-service").defaultPort()).isEqualTo(8081);
		assertThat(this.warehouse.defaultPort()).isEqualTo(8082);
	}

}
