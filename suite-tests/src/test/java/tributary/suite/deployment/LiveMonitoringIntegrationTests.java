package tributary.suite.deployment;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import tributary.suite.RunningSuite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static tributary.suite.deployment.Manifests.at;
import static tributary.suite.deployment.Manifests.list;

/**
 * The deployment files against the running suite, started as {@code ./tributary up}
 * starts it: the metrics the dashboard and the alerts read, a real Prometheus scraping
 * the services with the repository's configuration and rules, and the probes, health
 * checks and consumer groups the manifests and images rely on.
 */
class LiveMonitoringIntegrationTests {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+\\S+.*");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	/** Made by Prometheus itself, not by a scraped service. */
	private static final Set<String> SYNTHETIC = Set.of("up");

	private static RunningSuite suite;

	@BeforeAll
	static void sendEventsThroughTheSuite() throws Exception {
		suite = RunningSuite.get();
		String run = UUID.randomUUID().toString();
		String now = Instant.now().toString();
		assertThat(post("/api/v1/social-media", """
				{"platform": "deploycheck", "author": "deploy-%s", "text": "The dashboard check loves this!",
				 "createdAt": "%s", "location": "Deploytown", "productId": "deploy-%s"}""".formatted(run, now, run)))
			.isEqualTo(202);
		assertThat(post("/api/v1/weather", """
				{"stationId": "deploy-%s", "location": "Deploytown", "observedAt": "%s", "temperatureC": 12.5}"""
			.formatted(run, now))).isEqualTo(202);
		assertThat(post("/api/v1/feedback", """
				{"customerId": "deploy-%s", "rating": 4, "submittedAt": "%s", "productId": "deploy-%s"}"""
			.formatted(run, now, run))).isEqualTo(202);
		assertThat(post("/api/v1/social-media", "{\"platform\": \"deploycheck\"}")).as("an invalid post")
			.isEqualTo(400);
		// A record no service can read: its dead-lettering is what the dead-letter panels
		// and alerts count.
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.kafkaBootstrapServers()),
				new ByteArraySerializer(), new ByteArraySerializer())) {
			byte[] key = ("deploy-poison-" + run).getBytes(StandardCharsets.UTF_8);
			byte[] value = "this is not JSON {".getBytes(StandardCharsets.UTF_8);
			producer.send(new ProducerRecord<>("social_media", key, value)).get(30, TimeUnit.SECONDS);
		}
	}

	@Test
	void everyMetricTheDashboardAndTheAlertsReadIsExposed() {
		Set<String> expressions = new TreeSet<>(MetricQueries.dashboard());
		expressions.addAll(MetricQueries.alerts().values());
		Set<String> names = new TreeSet<>();
		List<MetricQueries.LabelMatch> matches = new ArrayList<>();
		for (String expression : expressions) {
			names.addAll(MetricQueries.metricNames(expression));
			matches.addAll(MetricQueries.labelMatches(expression));
		}
		names.removeAll(SYNTHETIC);
		matches.removeIf((match) -> SYNTHETIC.contains(match.metric()));
		assertThat(names).hasSizeGreaterThan(10);
		// The events travel asynchronously from ingest
		// through sentiment to the warehouse.
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			Map<String, List<Map<String, String>>> scraped = scrapeAll();
			assertThat(scraped.keySet()).as("metric names in the services' /actuator/prometheus").containsAll(names);
			for (MetricQueries.LabelMatch match : matches) {
				assertThat(scraped.get(match.metric())).as("a sample of " + match)
					.anySatisfy((labels) -> assertThat(labels).containsEntry(match.label(), match.value()));
			}
		});
	}

	@Test
	void prometheusScrapesTheSuiteWithTheRepositoryConfigurationAndEvaluatesEveryRule() throws Exception {
		Path folder = Repository.scratchFolder("prometheus-");
		int port = freePort();
		Path config = folder.resolve("prometheus.yml");
		Files.writeString(config, prometheusConfiguration(port));
		Tool.PROMTOOL.run(folder, "check", "config", config.toString()).assertSuccess();
		Process prometheus = new ProcessBuilder(Tool.PROMETHEUS.path().toString(), "--config.file=" + config,
				"--storage.tsdb.path=" + folder.resolve("data"), "--storage.tsdb.retention.time=1h",
				"--web.listen-address=127.0.0.1:" + port)
			.redirectErrorStream(true)
			.redirectOutput(folder.resolve("prometheus.log").toFile())
			.start();
		String api = "http://127.0.0.1:" + port;
		try {
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(get(api + "/-/ready").statusCode()).isEqualTo(200));
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
				Map<String, String> up = new HashMap<>();
				for (Map<String, Object> sample : query(api, "up")) {
					up.put(at(sample, "metric", "job"), ((List<?>) sample.get("value")).get(1).toString());
				}
				for (String service : ServiceConfiguration.SERVICES) {
					assertThat(up).as("up of " + service).containsEntry(service, "1");
				}
			});
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
				Set<String> applications = new TreeSet<>();
				for (Map<String, Object> sample : query(api, "count by (application) (jvm_memory_used_bytes)")) {
					applications.add(at(sample, "metric", "application"));
				}
				assertThat(applications).containsAll(ServiceConfiguration.SERVICES);
				for (String own : List.of("tributary_ingest_events_total", "tributary_sentiment_scored_total",
						"tributary_warehouse_events_total", "tributary_warehouse_end_to_end_seconds_count")) {
					assertThat(query(api, own)).as(own).isNotEmpty();
				}
			});
			for (String expression : MetricQueries.dashboard()) {
				String response = get(api + "/api/v1/query?query="
						+ URLEncoder.encode(MetricQueries.forPrometheus(expression), StandardCharsets.UTF_8))
					.body();
				assertThat((String) JsonPath.read(response, "$.status")).as(expression + "\n" + response)
					.isEqualTo("success");
			}
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
				String rules = get(api + "/api/v1/rules").body();
				List<String> health = JsonPath.read(rules, "$.data.groups[*].rules[*].health");
				assertThat(health).as(rules).hasSize(MetricQueries.alerts().size()).containsOnly("ok");
			});
		}
		finally {
			prometheus.destroy();
			if (!prometheus.waitFor(15, TimeUnit.SECONDS)) {
				prometheus.destroyForcibly().waitFor();
			}
		}
	}

	@Test
	void theServicesAnswerTheProbesTheManifestsConfigure() {
		Manifests manifests = Manifests.render("prod");
		suite.serviceUrls().forEach((service, url) -> {
			Map<String, Object> container = list(manifests.get("Deployment", service), "spec", "template", "spec",
					"containers")
				.get(0);
			for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
				String path = at(container, probe, "httpGet", "path");
				assertThat(get(url + path).statusCode()).as(service + " " + probe + " " + path).isEqualTo(200);
			}
		});
	}

	@Test
	void theImagesHealthCheckPassesAgainstTheRunningServices() throws Exception {
		for (Map.Entry<String, String> service : suite.serviceUrls().entrySet()) {
			List<String> command = DockerfileTests.healthCheckCommand(service.getKey());
			String port = Integer.toString(URI.create(service.getValue()).getPort());
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
			builder.environment().put("PORT", port);
			Process process = builder.start();
			assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.exitValue()).as(service.getKey() + ": " + output).isZero();
		}
		// And it fails where nothing answers, or it would prove nothing.
		ProcessBuilder closed = new ProcessBuilder(DockerfileTests.healthCheckCommand("ingest-service"));
		closed.environment().put("PORT", Integer.toString(freePort()));
		Process process = closed.redirectErrorStream(true).start();
		assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isNotZero();
	}

	@Test
	void theConsumerGroupsKedaScalesOnReadTheirTopics() throws Exception {
		Manifests manifests = Manifests.render("prod");
		Map<String, Set<String>> groups = new LinkedHashMap<>();
		for (Map<String, Object> scaledObject : manifests.ofKind("ScaledObject")) {
			for (Map<String, Object> trigger : list(scaledObject, "spec", "triggers")) {
				groups.computeIfAbsent(at(trigger, "metadata", "consumerGroup"), (group) -> new TreeSet<>())
					.add(at(trigger, "metadata", "topic"));
			}
		}
		assertThat(groups).containsOnlyKeys("sentiment", "warehouse");
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, suite.kafkaBootstrapServers()))) {
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
				Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(groups.keySet())
					.all()
					.get(30, TimeUnit.SECONDS);
				groups.forEach((group, topics) -> {
					Set<String> assigned = new TreeSet<>();
					for (MemberDescription member : described.get(group).members()) {
						member.assignment().topicPartitions().forEach((partition) -> assigned.add(partition.topic()));
					}
					assertThat(assigned).as("topics consumer group " + group + " reads").containsAll(topics);
				});
			});
		}
	}

	@SuppressWarnings("unchecked")
	private static String prometheusConfiguration(int prometheusPort) throws IOException {
		Map<String, Object> config = new Yaml()
			.load(Files.readString(Repository.path("deploy/prometheus/prometheus.yml")));
		Map<String, Object> global = (Map<String, Object>) config.get("global");
		// Seconds rather than the deployed 15 s, so the check is quick; everything else
		// is the file's.
		global.put("scrape_interval", "1s");
		global.put("evaluation_interval", "1s");
		config.put("rule_files", List.of(Repository.path(MetricQueries.ALERTS).toString()));
		Map<String, String> urls = suite.serviceUrls();
		for (Map<String, Object> job : (List<Map<String, Object>>) config.get("scrape_configs")) {
			String name = (String) job.get("job_name");
			String target = urls.containsKey(name) ? URI.create(urls.get(name)).getAuthority()
					: "127.0.0.1:" + prometheusPort;
			job.put("static_configs", List.of(Map.of("targets", List.of(target))));
		}
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		return new Yaml(options).dump(config);
	}

	private static List<Map<String, Object>> query(String api, String promql) {
		String response = get(api + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).body();
		assertThat((String) JsonPath.read(response, "$.status")).as(response).isEqualTo("success");
		return JsonPath.read(response, "$.data.result");
	}

	/** Every sample of the three services' scrapes, by metric name, as label maps. */
	private static Map<String, List<Map<String, String>>> scrapeAll() {
		Map<String, List<Map<String, String>>> samples = new HashMap<>();
		for (String url : suite.serviceUrls().values()) {
			HttpResponse<String> response = get(url + "/actuator/prometheus");
			assertThat(response.statusCode()).isEqualTo(200);
			for (String line : response.body().split("\n")) {
				Matcher sample = SAMPLE.matcher(line);
				if (line.startsWith("#") || !sample.matches()) {
					continue;
				}
				Map<String, String> labels = new HashMap<>();
				if (sample.group(3) != null) {
					Matcher label = LABEL.matcher(sample.group(3));
					while (label.find()) {
						labels.put(label.group(1), label.group(2));
					}
				}
				samples.computeIfAbsent(sample.group(1), (name) -> new ArrayList<>()).add(labels);
			}
		}
		return samples;
	}

	private static int post(String path, String json) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(suite.ingestUrl() + path))
			.header("Content-Type", "application/json")
			.header("X-API-Key", RunningSuite.API_KEY)
			.timeout(Duration.ofSeconds(15))
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
	}

	private static HttpResponse<String> get(String url) {
		try {
			return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new AssertionError("GET " + url + " failed: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted", ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
