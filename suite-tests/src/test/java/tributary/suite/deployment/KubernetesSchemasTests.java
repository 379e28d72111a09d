package tributary.suite.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static tributary.suite.deployment.Manifests.at;
import static tributary.suite.deployment.Manifests.list;
import static tributary.suite.deployment.Manifests.name;

/**
 * Every document both overlays render, checked against the schema of the API version it
 * names, as the API server of a cluster with the operators docs/deployment.md installs
 * would check it: core objects against Kubernetes' OpenAPI models, custom resources
 * against the operators' own definitions, unknown fields refused ({@link ApiSchemas}).
 */
class KubernetesSchemasTests {

	static final List<String> overlays = Manifests.OVERLAYS;

	@ParameterizedTest
	@FieldSource("overlays")
	void everyRenderedDocumentFitsTheSchemaOfTheApiItNames(String overlay) {
		List<ApiSchemas.Result> results = ApiSchemas.install().check(described(Manifests.render(overlay).all()));
		assertThat(results).as("documents checked").hasSize(Manifests.render(overlay).all().size());
		assertThat(results.stream().filter((result) -> !result.fits()).map(KubernetesSchemasTests::report))
			.as("documents of overlay %s that do not fit their API's schema", overlay)
			.isEmpty();
		// Each kind of schema took part: a check that matched nothing would pass as well.
		assertThat(results).extracting(ApiSchemas.Result::schema)
			.anySatisfy((schema) -> assertThat(schema).startsWith("kubernetes-models "))
			.anySatisfy((schema) -> assertThat(schema).startsWith("@kubernetes-models/keda "))
			.anySatisfy((schema) -> assertThat(schema).startsWith("@kubernetes-models/prometheus-operator "))
			.anySatisfy((schema) -> assertThat(schema).contains("io.strimzi:api:" + ApiSchemas.strimziVersion()));
	}

	@Test
	@SuppressWarnings("unchecked")
	void refusesWrongApiVersionsUnknownFieldsAndWrongTypes() {
		Map<String, Object> pristine = index(Manifests.render("prod").all());
		Map<String, Consumer<Map<String, Object>>> breakages = new LinkedHashMap<>();
		breakages.put("Kafka tributary", (kafka) -> kafka.put("apiVersion", "kafka.strimzi.io/v1beta2"));
		breakages.put("KafkaTopic social-media",
				(topic) -> ((Map<String, Object>) topic.get("spec")).put("partition", 6));
		breakages.put("KafkaNodePool combined",
				(pool) -> ((Map<String, Object>) pool.get("metadata")).put("lables", Map.of("a", "b")));
		breakages.put("Deployment warehouse-service",
				(deployment) -> ((Map<String, Object>) at(
						list(deployment, "spec", "template", "spec", "containers").get(0), "livenessProbe", "httpGet"))
					.put("paht", "/livez"));
		breakages.put("HorizontalPodAutoscaler ingest-service",
				(autoscaler) -> autoscaler.put("apiVersion", "autoscaling/v2beta2"));
		breakages.put("Service ingest-service",
				(service) -> list(service, "spec", "ports").get(0).put("port", "eighty"));
		breakages.put("ScaledObject sentiment-service",
				(scaledObject) -> ((Map<String, Object>) scaledObject.get("spec")).put("maxReplicas", 6));
		breakages.put("ServiceMonitor ingest-service",
				(monitor) -> list(monitor, "spec", "endpoints").get(0).put("intervall", "15s"));
		breakages.put("PrometheusRule tributary",
				(rule) -> ((Map<String, Object>) list(rule, "spec", "groups").get(0)).put("rule", List.of()));
		breakages.put("Namespace tributary", (namespace) -> namespace.put("apiVersion", "v2"));

		Map<String, Map<String, Object>> broken = new LinkedHashMap<>();
		breakages.forEach((key, breakage) -> {
			assertThat(pristine).as("a document to break").containsKey(key);
			Map<String, Object> copy = deepCopy(pristine.get(key));
			breakage.accept(copy);
			broken.put(key, copy);
		});
		List<ApiSchemas.Result> results = ApiSchemas.install().check(broken);
		assertThat(results).hasSize(breakages.size())
			.allSatisfy((result) -> assertThat(result.fits())
				.as("the check refuses broken %s: %s", result.source(), result.errors())
				.isFalse());
		Map<String, String> expected = Map.of("Kafka tributary", "v1beta2", "KafkaTopic social-media", "\"partition\"",
				"KafkaNodePool combined", "\"lables\"", "Deployment warehouse-service", "\"paht\"",
				"HorizontalPodAutoscaler ingest-service", "not a GA", "Service ingest-service", "/spec/ports/0/port",
				"ScaledObject sentiment-service", "\"maxReplicas\"", "ServiceMonitor ingest-service", "\"intervall\"",
				"PrometheusRule tributary", "\"rule\"", "Namespace tributary", "no schema");
		for (ApiSchemas.Result result : results) {
			assertThat(String.join("\n", result.errors())).as(result.source()).contains(expected.get(result.source()));
		}
	}

	@Test
	void theDeploymentGuideNamesTheOperatorVersionsTheManifestsAreCheckedAgainst() throws IOException {
		String guide = Files.readString(Repository.path("docs/deployment.md"));
		assertThat(guide).contains("Strimzi " + ApiSchemas.strimziVersion())
			.contains("`kubernetes-models` " + ApiSchemas.npmVersion("kubernetes-models"))
			.contains("`@kubernetes-models/keda` " + ApiSchemas.npmVersion("@kubernetes-models/keda"))
			.contains("`@kubernetes-models/prometheus-operator` "
					+ ApiSchemas.npmVersion("@kubernetes-models/prometheus-operator"));
	}

	private static Map<String, Map<String, Object>> described(List<Map<String, Object>> documents) {
		Map<String, Map<String, Object>> described = new LinkedHashMap<>();
		documents.forEach((document) -> described.put(document.get("kind") + " " + name(document), document));
		return described;
	}

	private static Map<String, Object> index(List<Map<String, Object>> documents) {
		return new LinkedHashMap<>(described(documents));
	}

	private static Map<String, Object> deepCopy(Object document) {
		Yaml yaml = new Yaml();
		return yaml.load(yaml.dump(document));
	}

	private static String report(ApiSchemas.Result result) {
		List<String> lines = new ArrayList<>();
		lines.add(result.source() + " (" + result.apiVersion() + ", checked against "
				+ ((result.schema() != null) ? result.schema() : "nothing") + "):");
		result.errors().forEach((error) -> lines.add("    " + error));
		return String.join("\n", lines);
	}

}
