package tributary.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import tributary.testsupport.OperationalEndpoints;

import static org.assertj.core.api.Assertions.assertThat;

/** The suite as {@code ./tributary up} starts it. */
class SuiteIntegrationTests {

	private static final List<String> TOPICS = List.of("social_media", "weather_data", "customer_feedback",
			"customer_sentiment", "social_media_dlt", "weather_data_dlt", "customer_feedback_dlt",
			"customer_sentiment_dlt");

	private final RunningSuite suite = RunningSuite.get();

	@Test
	void everyServiceIsHealthyAndShowsItsOperationalEndpoints() {
		this.suite.serviceUrls().forEach((name, url) -> OperationalEndpoints.at(url).assertStandard());
	}

	@Test
	void brokerHasEveryTopicWithTheConfiguredPartitions() throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.suite.kafkaBootstrapServers()))) {
			Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
			assertThat(names).containsAll(TOPICS);
			Map<String, TopicDescription> topics = admin.describeTopics(TOPICS)
				.allTopicNames()
				.get(30, TimeUnit.SECONDS);
			assertThat(topics.values()).allSatisfy((topic) -> assertThat(topic.partitions()).hasSize(6));
		}
	}

	@Test
	void statusReportsEveryProcessUp() {
		String status = this.suite.run("status");
		for (String name : List.of("kafka", "store", "ingest", "sentiment", "warehouse", "alerts")) {
			assertThat(status).containsPattern("(?m)^" + name + "\\s+\\d+\\s+\\d+\\s+UP\\s");
		}
	}

	@Test
	void everyProcessRunsWithTheJvmOptionsTheScriptGivesIt() throws IOException {
		Map<String, List<String>> options = new HashMap<>();
		for (String name : List.of("kafka", "store", "ingest", "sentiment", "warehouse", "alerts")) {
			options.put(name, jvmOptions(name));
		}
		// The collectors the script chooses (tributary, command_of): Serial for the
		// broker
		// and the warehouse, G1 for the store, the JVM's own choice for the others.
		assertThat(collectors(options.get("kafka"))).containsExactly("-XX:+UseSerialGC");
		assertThat(collectors(options.get("store"))).containsExactly("-XX:+UseG1GC");
		assertThat(collectors(options.get("warehouse"))).containsExactly("-XX:+UseSerialGC");
		for (String service : List.of("ingest", "sentiment", "alerts")) {
			assertThat(collectors(options.get(service))).as(service).isEmpty();
		}
		// TRIBUTARY_JAVA_OPTS reaches every service, and a service's own options come
		// after it, so that they win.
		for (String service : List.of("ingest", "sentiment", "warehouse", "alerts")) {
			assertThat(options.get(service)).as(service).contains(RunningSuite.ALL_SERVICES_OPTION);
		}
		assertThat(options.get("sentiment")).containsSubsequence(RunningSuite.ALL_SERVICES_OPTION,
				RunningSuite.SENTIMENT_OPTION);
		for (String other : List.of("kafka", "store", "ingest", "warehouse", "alerts")) {
			assertThat(options.get(other)).as(other).doesNotContain(RunningSuite.SENTIMENT_OPTION);
		}
		for (String infrastructure : List.of("kafka", "store")) {
			assertThat(options.get(infrastructure)).as(infrastructure).doesNotContain(RunningSuite.ALL_SERVICES_OPTION);
		}
	}

	/**
	 * snappy and zstd (every service, and the broker reading such batches) and RocksDB
	 * (the alerts-service) load native code, which Java 24 and newer allow with a warning
	 * only when native access is enabled, and a later release will refuse. The services
	 * get it from their jars' manifest, since the script runs them with
	 * {@code java -jar}, the broker from its command line. Every service loads snappy and
	 * zstd at start-up (its codec check), so on such a JDK a missing grant shows in its
	 * log; the manifest is checked too, for older JDKs that read neither.
	 */
	@Test
	void everyProcessMayLoadNativeCodeWithoutAWarning() throws IOException {
		for (String service : List.of("ingest", "sentiment", "warehouse", "alerts")) {
			try (JarFile jar = new JarFile(this.suite.dataDir().resolve("run/" + service + ".jar").toFile())) {
				assertThat(jar.getManifest().getMainAttributes().getValue("Enable-Native-Access")).as(service)
					.isEqualTo("ALL-UNNAMED");
			}
		}
		assertThat(jvmOptions("kafka")).contains("--enable-native-access=ALL-UNNAMED");
		for (String name : List.of("kafka", "store", "ingest", "sentiment", "warehouse", "alerts")) {
			assertThat(Files.readString(this.suite.dataDir().resolve("logs/" + name + ".log"))).as(name)
				.doesNotContain("A restricted method");
		}
	}

	/** The command line of a process of the suite, from its pid file and /proc. */
	private List<String> jvmOptions(String name) throws IOException {
		String pid = Files.readString(this.suite.dataDir().resolve("run/" + name + ".pid")).strip();
		byte[] commandLine = Files.readAllBytes(Path.of("/proc", pid, "cmdline"));
		return Arrays.asList(new String(commandLine, StandardCharsets.UTF_8).split("\u0000"));
	}

	private static List<String> collectors(List<String> options) {
		return options.stream().filter((option) -> option.matches("-XX:\\+Use[A-Za-z0-9]+GC")).toList();
	}

}
