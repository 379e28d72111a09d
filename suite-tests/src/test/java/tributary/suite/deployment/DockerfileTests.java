package tributary.suite.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tributary.testsupport.process.Command;

import static org.assertj.core.api.Assertions.assertThat;

/** The services' Dockerfiles, read instruction by instruction. */
class DockerfileTests {

	static final List<String> services = ServiceConfiguration.SERVICES;

	private static final Pattern LAYER_COPY = Pattern.compile("COPY --from=build /workspace/extracted/([a-z-]+)/ \\./");

	@ParameterizedTest
	@FieldSource("services")
	void buildsTheModuleWithTheWrapperOnAJdkAndRunsOnAJre25(String service) throws IOException {
		List<String> instructions = instructions(service);
		List<String> stages = instructions.stream().filter((line) -> line.startsWith("FROM ")).toList();
		assertThat(stages).containsExactly("FROM eclipse-temurin:25-jdk AS build", "FROM eclipse-temurin:25-jre");
		assertThat(instructions).anySatisfy((line) -> assertThat(line).startsWith("RUN ")
			.contains("./mvnw -B")
			.contains("-pl " + service + " -am")
			.contains("cp " + service + "/target/" + service + "-*.jar /workspace/app.jar"));
		assertThat(instructions).anySatisfy((line) -> assertThat(line)
			.contains("java -Djarmode=tools -jar /workspace/app.jar extract --layers --launcher"));
	}

	@ParameterizedTest
	@FieldSource("services")
	void runsAsANonRootUserOnTheServicePortWithContainerAwareMemory(String service) throws IOException {
		List<String> instructions = runtimeStage(service);
		int port = ServiceConfiguration.of(service).defaultPort();
		assertThat(instructions).contains("EXPOSE " + port);
		assertThat(instructions).anySatisfy(
				(line) -> assertThat(line).startsWith("ENV PORT=" + port + " ").contains("-XX:MaxRAMPercentage="));
		Matcher user = Pattern.compile("USER (\\d+):(\\d+)")
			.matcher(instructions.stream().filter((line) -> line.startsWith("USER ")).findFirst().orElse(""));
		assertThat(user.matches()).as("a numeric non-root USER, which Kubernetes can verify").isTrue();
		assertThat(Integer.parseInt(user.group(1))).isNotZero();
		assertThat(instructions).contains("ENTRYPOINT [\"java\", \"--enable-native-access=ALL-UNNAMED\", "
				+ "\"org.springframework.boot.loader.launch.JarLauncher\"]");
		assertThat(instructions)
			.anySatisfy((line) -> assertThat(line).startsWith("HEALTHCHECK ").contains("/readyz").contains("${PORT}"));
	}

	@ParameterizedTest
	@FieldSource("services")
	void copiesEveryLayerThePackagedJarExtractsTo(String service) throws Exception {
		Path destination = Repository.scratchFolder("layers-" + service + "-").resolve("extracted");
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Command.succeed(new ProcessBuilder(java.toString(), "-Djarmode=tools", "-jar",
				ServiceConfiguration.jar(service).toString(), "extract", "--layers", "--launcher", "--destination",
				destination.toString()), "", Duration.ofMinutes(2));

		Set<String> extracted = new TreeSet<>();
		try (Stream<Path> layers = Files.list(destination)) {
			layers.forEach((layer) -> extracted.add(layer.getFileName().toString()));
		}
		Set<String> copied = new TreeSet<>();
		for (String line : runtimeStage(service)) {
			Matcher matcher = LAYER_COPY.matcher(line);
			if (matcher.matches()) {
				copied.add(matcher.group(1));
			}
		}
		assertThat(copied).as("layers the runtime stage copies").isEqualTo(extracted);
		assertThat(destination.resolve("spring-boot-loader/org/springframework/boot/loader/launch/JarLauncher.class"))
			.isRegularFile();
		assertThat(destination.resolve("application/BOOT-INF/classes/application.yml")).isRegularFile();
	}

	@Test
	void buildContextLeavesOutBuildOutputLocalDataAndSecrets() throws IOException {
		List<String> ignored = Files.readAllLines(Repository.path(".dockerignore"))
			.stream()
			.filter((line) -> !line.isBlank() && !line.startsWith("#"))
			.toList();
		assertThat(ignored).contains("**/target/", ".tributary/", ".env", "k8s/overlays/*/secrets.env",
				"k8s/overlays/*/mongodb.env", "k8s/overlays/*/mongodb-keyfile");
		assertThat(ignored).as("the build needs the wrapper, the poms and the sources")
			.doesNotContain(".mvn/", "mvnw", "pom.xml", "contracts/");
	}

	/** The Dockerfile's instructions, continuation lines joined, comments dropped. */
	static List<String> instructions(String service) throws IOException {
		List<String> instructions = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : Files.readAllLines(Repository.path(service + "/Dockerfile"))) {
			String trimmed = line.strip();
			if (trimmed.startsWith("#") || trimmed.isEmpty()) {
				continue;
			}
			if (trimmed.endsWith("\\")) {
				current.append(trimmed, 0, trimmed.length() - 1).append(' ');
				continue;
			}
			current.append(trimmed);
			instructions.add(current.toString().replaceAll("\\s+", " "));
			current.setLength(0);
		}
		return instructions;
	}

	/** The instructions of the last stage, the image that runs. */
	static List<String> runtimeStage(String service) throws IOException {
		List<String> instructions = instructions(service);
		int last = 0;
		for (int i = 0; i < instructions.size(); i++) {
			if (instructions.get(i).startsWith("FROM ")) {
				last = i;
			}
		}
		return instructions.subList(last, instructions.size());
	}

	/** The command of the image's HEALTHCHECK, as Docker runs it. */
	static List<String> healthCheckCommand(String service) throws IOException {
		String healthCheck = runtimeStage(service).stream()
			.filter((line) -> line.startsWith("HEALTHCHECK "))
			.findFirst()
			.orElseThrow(() -> new AssertionError(service + "/Dockerfile has no HEALTHCHECK"));
		String json = healthCheck.substring(healthCheck.indexOf(" CMD ") + 5);
		return com.jayway.jsonpath.JsonPath.parse(json).read("$");
	}

}
