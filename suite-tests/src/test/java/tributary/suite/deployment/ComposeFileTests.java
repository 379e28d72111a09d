package tributary.suite.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static tributary.suite.deployment.Manifests.at;

/**
 * {@code docker-compose.yml} as Docker Compose itself reads it (Debian's
 * {@code docker-compose config}, with the values of {@code .env.example}).
 */
class ComposeFileTests {

	private static final Set<String> PUBLISHED = Set.of("ingest-service", "sentiment-service", "warehouse-service",
			"alerts-service", "prometheus", "grafana");

	private static Map<String, Map<String, Object>> services;

	private static Map<String, Object> compose;

	@BeforeAll
	@SuppressWarnings("unchecked")
	static void render() throws IOException {
		String rendered = Tool.DOCKER_COMPOSE
			.run(Repository.root(), withoutExampleVariables(), "--env-file", ".env.example", "--file",
					"docker-compose.yml", "config")
			.assertSuccess()
			.output();
		compose = new Yaml().load(rendered);
		services = (Map<String, Map<String, Object>>) compose.get("services");
	}

	@Test
	void runsKafkaMongoDbTheFourServicesPrometheusAndGrafana() {
		assertThat(services).containsOnlyKeys("kafka", "mongodb", "ingest-service", "sentiment-service",
				"warehouse-service", "alerts-service", "prometheus", "grafana");
		assertThat(services.get("kafka")).containsEntry("image", "apache/kafka:4.2.1");
		assertThat(services.get("mongodb")).containsEntry("image", "mongo:8.0.20");
		for (String service : ServiceConfiguration.SERVICES) {
			assertThat((Object) at(services.get(service), "build", "dockerfile")).isEqualTo(service + "/Dockerfile");
		}
	}

	@Test
	void refusesToRenderWithoutAnApiKey() throws IOException {
		Path envFile = Repository.scratchFolder("compose-").resolve("without-key.env");
		List<String> lines = Files.readAllLines(Repository.path(".env.example"))
			.stream()
			.filter((line) -> !line.startsWith("TRIBUTARY_SECURITY_API_KEYS="))
			.toList();
		Files.write(envFile, lines);
		Tool.Result result = Tool.DOCKER_COMPOSE.run(Repository.root(), withoutExampleVariables(), "--env-file",
				envFile.toString(), "--file", "docker-compose.yml", "config");
		assertThat(result.exitCode()).as(result.output()).isNotZero();
		assertThat(result.output()).contains("TRIBUTARY_SECURITY_API_KEYS");
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyContainerHasAHealthcheckAMemoryLimitAndWaitsForHealthyDependencies() {
		services.forEach((name, service) -> {
			assertThat((Object) at(service, "healthcheck", "test")).as(name + " healthcheck").isNotNull();
			assertThat((Object) at(service, "deploy", "resources", "limits", "memory")).as(name + " memory limit")
				.isNotNull();
			Object dependsOn = service.get("depends_on");
			if (dependsOn != null) {
				((Map<String, Map<String, Object>>) dependsOn)
					.forEach((dependency, condition) -> assertThat(condition).as(name + " waits for " + dependency)
						.containsEntry("condition", "service_healthy"));
			}
		});
		assertThat(services.get("warehouse-service").get("depends_on").toString()).contains("kafka", "mongodb");
	}

	/**
	 * Docker mounts a tmpfs noexec unless told otherwise, and Kafka's snappy and zstd
	 * load native code from the temporary directory: a service could not read records in
	 * either codec (tributary.support.codecs refuses to start then).
	 */
	@Test
	@SuppressWarnings("unchecked")
	void servicesHaveAReadOnlyRootAndATemporaryDirectoryThatAllowsNativeCode() {
		for (String service : ServiceConfiguration.SERVICES) {
			assertThat(services.get(service)).as(service).containsEntry("read_only", true);
			assertThat((List<Object>) services.get(service).get("tmpfs")).as(service).containsExactly("/tmp:exec");
		}
	}

	@Test
	void serviceHealthchecksAreTheImagesHealthChecks() throws IOException {
		for (String service : ServiceConfiguration.SERVICES) {
			List<String> test = at(services.get(service), "healthcheck", "test");
			// Compose writes $ as $$ in its rendered file;
			// Docker runs the unescaped command.
			List<String> command = test.subList(1, test.size())
				.stream()
				.map((part) -> part.replace("$$", "$"))
				.toList();
			assertThat(test.get(0)).isEqualTo("CMD");
			assertThat(command).as(service).isEqualTo(DockerfileTests.healthCheckCommand(service));
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void publishesOnlyTheApisPrometheusAndGrafana() {
		Set<String> published = new TreeSet<>();
		services.forEach((name, service) -> {
			if (service.get("ports") != null) {
				published.add(name);
			}
		});
		assertThat(published).isEqualTo(new TreeSet<>(PUBLISHED));
		for (String service : ServiceConfiguration.SERVICES) {
			int port = ServiceConfiguration.of(service).defaultPort();
			List<Object> ports = (List<Object>) services.get(service).get("ports");
			assertThat(ports).hasSize(1);
			assertThat(ports.get(0).toString()).as(service + " publishes its own port")
				.contains(Integer.toString(port));
			assertThat(environment(service)).as(service).containsEntry("PORT", Integer.toString(port));
		}
	}

	@Test
	void everyVariableGivenToAServiceConfiguresIt() {
		for (String service : ServiceConfiguration.SERVICES) {
			ServiceConfiguration configuration = ServiceConfiguration.of(service);
			assertThat(environment(service).keySet()).as(service + " environment")
				.isNotEmpty()
				.allSatisfy((variable) -> assertThat(configuration.reads(variable)).as("%s reads %s", service, variable)
					.isTrue());
		}
		assertThat(environment("warehouse-service")).containsKey("MONGODB_URI");
		assertThat(environment("ingest-service")).containsKey("TRIBUTARY_SECURITY_API_KEYS");
		assertThat(environment("warehouse-service"))
			.as("the warehouse's writes are acknowledged once journaled by the one mongod")
			.containsEntry("TRIBUTARY_WAREHOUSE_STORE_WRITE_CONCERN_W", "1")
			.containsEntry("TRIBUTARY_WAREHOUSE_STORE_WRITE_CONCERN_JOURNAL", "true");
	}

	@Test
	@SuppressWarnings("unchecked")
	void keepsDataInNamedVolumesAndMountsTheMonitoringConfiguration() {
		assertThat((Map<String, Object>) compose.get("volumes")).containsOnlyKeys("kafka-data", "mongo-data",
				"mongo-config", "prometheus-data", "grafana-data");
		assertThat(services.get("prometheus").get("volumes").toString())
			.contains(Repository.path("deploy/prometheus").toString());
		assertThat(services.get("grafana").get("volumes").toString())
			.contains(Repository.path("deploy/grafana/provisioning").toString())
			.contains(Repository.path("deploy/grafana/dashboards").toString());
	}

	/**
	 * Unsets the variables {@code .env.example} defines: Compose prefers the shell's
	 * values to the env file's, and the check must see the file's.
	 */
	private static Map<String, String> withoutExampleVariables() throws IOException {
		Map<String, String> unset = new java.util.HashMap<>();
		for (String line : Files.readAllLines(Repository.path(".env.example"))) {
			int equals = line.indexOf('=');
			if (!line.startsWith("#") && equals > 0) {
				unset.put(line.substring(0, equals), "");
			}
		}
		return unset;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> environment(String service) {
		Map<String, Object> environment = (Map<String, Object>) services.get(service).get("environment");
		Map<String, String> values = new java.util.TreeMap<>();
		environment.forEach((name, value) -> values.put(name, String.valueOf(value)));
		return values;
	}

}
