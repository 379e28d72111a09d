package tributary.suite.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.Yaml;

/**
 * The schemas of the APIs the Kubernetes manifests use, and the check of documents
 * against them ({@code src/test/kubernetes-schemas/validate.mjs}).
 *
 * <p>
 * Nothing is copied into the repository: Kubernetes' own objects, KEDA's and the
 * Prometheus Operator's resources are checked by the validators the npm packages
 * {@code kubernetes-models}, {@code @kubernetes-models/keda} and
 * {@code @kubernetes-models/prometheus-operator} compile from those projects' API
 * definitions (installed by {@code npm ci} from the committed lock file); Strimzi's by
 * the CustomResourceDefinitions its CRD generator makes from its API classes, both from
 * Maven Central, the way Strimzi makes its own install files.
 */
final class ApiSchemas {

	/** The Strimzi custom resources the manifests may use, by their CRD file name. */
	private static final Map<String, String> STRIMZI_RESOURCES = Map.of("kafka",
			"io.strimzi.api.kafka.model.kafka.Kafka", "kafkanodepool",
			"io.strimzi.api.kafka.model.nodepool.KafkaNodePool", "kafkatopic",
			"io.strimzi.api.kafka.model.topic.KafkaTopic", "kafkauser", "io.strimzi.api.kafka.model.user.KafkaUser",
			"kafkarebalance", "io.strimzi.api.kafka.model.rebalance.KafkaRebalance");

	private static final ObjectMapper json = new ObjectMapper();

	private static @Nullable ApiSchemas installed;

	private final Path validator;

	private final List<Map<String, Object>> strimziDefinitions;

	private ApiSchemas(Path validator, List<Map<String, Object>> strimziDefinitions) {
		this.validator = validator;
		this.strimziDefinitions = strimziDefinitions;
	}

	/**
	 * The schemas, obtained once per test JVM (the npm packages stay installed under
	 * {@code target/} while the lock file does not change).
	 * @return them
	 */
	static synchronized ApiSchemas install() {
		if (installed == null) {
			installed = new ApiSchemas(installValidator(), generateStrimziDefinitions());
		}
		return installed;
	}

	/**
	 * The Strimzi release whose API the Kafka resources are checked against.
	 * @return its version, such as {@code 1.2.0}
	 */
	static String strimziVersion() {
		// By name, not a compile-time reference: Strimzi's classes are Java 21 bytecode
		// and the tests compile for release 17.
		Class<?> kafka;
		try {
			kafka = Class.forName("io.strimzi.api.kafka.model.kafka.Kafka", false, ApiSchemas.class.getClassLoader());
		}
		catch (ClassNotFoundException | UnsupportedClassVersionError ex) {
			throw new IllegalStateException("Strimzi's API classes need JDK 21 or newer to load: " + ex, ex);
		}
		return Objects.requireNonNull(kafka.getPackage().getImplementationVersion(),
				"the Strimzi API jar names its version in its manifest");
	}

	/**
	 * The version of an npm package the check uses, from the committed lock file.
	 * @param name such as {@code @kubernetes-models/keda}
	 * @return its locked version
	 */
	static String npmVersion(String name) {
		try {
			Map<String, Object> lock = json.readValue(Repository.path(SOURCE + "/package-lock.json").toFile(),
					new TypeReference<Map<String, Object>>() {
					});
			return Objects.requireNonNull(Manifests.at(lock, "packages", "node_modules/" + name, "version"),
					name + " is not in the lock file");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static final String SOURCE = "suite-tests/src/test/kubernetes-schemas";

	private static Path installValidator() {
		Path source = Repository.path(SOURCE);
		Path folder = Repository.path("suite-tests/target/kubernetes-schemas");
		try {
			Files.createDirectories(folder);
			boolean current = Files.isDirectory(folder.resolve("node_modules"))
					&& Files.exists(folder.resolve("package-lock.json"))
					&& Files.mismatch(source.resolve("package-lock.json"), folder.resolve("package-lock.json")) == -1;
			for (String file : List.of("package.json", "package-lock.json", "validate.mjs")) {
				Files.copy(source.resolve(file), folder.resolve(file), StandardCopyOption.REPLACE_EXISTING);
			}
			if (!current) {
				Tool.Result result = Tool.NPM.run(folder, "ci", "--no-audit", "--no-fund", "--loglevel=error");
				if (result.exitCode() != 0) {
					throw new AssertionError("npm ci could not install the Kubernetes, KEDA and Prometheus Operator "
							+ "schemas (" + SOURCE + "/package.json), so no manifest could be checked against them. "
							+ "It needs the npm registry:\n" + result.output());
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return folder.resolve("validate.mjs");
	}

	private static List<Map<String, Object>> generateStrimziDefinitions() {
		Path folder = Repository.scratchFolder("strimzi-crds-");
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
						System.getProperty("java.class.path"), "io.strimzi.crdgenerator.CrdGenerator",
						// The arguments Strimzi's own build
						// gives it for the install files.
						"--crd-api-version", "v1", "--api-versions", "v1", "--storage-version", "v1", "--yaml"));
		STRIMZI_RESOURCES.forEach((file, type) -> command.add(type + "=" + folder.resolve(file + ".yaml")));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(folder.resolve("generator.log").toFile())
				.start();
			if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new AssertionError(
						"Strimzi's CRD generator failed:\n" + Files.readString(folder.resolve("generator.log")));
			}
			List<Map<String, Object>> definitions = new ArrayList<>();
			for (String file : STRIMZI_RESOURCES.keySet()) {
				Map<String, Object> definition = new Yaml().load(Files.readString(folder.resolve(file + ".yaml")));
				Map<String, Object> metadata = Manifests.at(definition, "metadata");
				metadata.put("annotations",
						Map.of("tributary.dev/source", "generated from io.strimzi:api:" + strimziVersion()));
				definitions.add(definition);
			}
			return definitions;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while generating Strimzi's CRDs", ex);
		}
	}

	/**
	 * Checks documents against the schema of the API version each names.
	 * @param documents the documents, by a description for messages
	 * @return one result per document, in the same order
	 */
	List<Result> check(Map<String, Map<String, Object>> documents) {
		Path input = Repository.scratchFolder("schema-check-").resolve("input.json");
		List<Map<String, Object>> entries = new ArrayList<>();
		documents.forEach((source, document) -> {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("source", source);
			entry.put("document", document);
			entries.add(entry);
		});
		try {
			json.writeValue(input.toFile(), Map.of("documents", entries, "crds", this.strimziDefinitions));
			Path output = input.resolveSibling("output.json");
			Tool.Result run = Tool.NODE.run(this.validator.getParent(), this.validator.toString(), input.toString(),
					output.toString());
			if (run.exitCode() != 0) {
				throw new AssertionError("The schema check itself failed:\n" + run.output());
			}
			return json.readValue(output.toFile(), new TypeReference<List<Result>>() {
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * What the check found for one document.
	 *
	 * @param source the description it was given
	 * @param apiVersion the document's {@code apiVersion}
	 * @param kind the document's {@code kind}
	 * @param schema what it was checked against, {@code null} when nothing could check it
	 * @param errors what does not fit the schema, empty when it fits
	 */
	record Result(String source, @Nullable String apiVersion, @Nullable String kind, @Nullable String schema,
			List<String> errors) {

		boolean fits() {
			return this.schema != null && this.errors.isEmpty();
		}

	}

}
