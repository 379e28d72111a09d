package tributary.warehouse;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tributary.testsupport.Infrastructure;
import tributary.warehouse.TestEvents.TestEvent;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The warehouse killed in the middle of its work, and cut off from its store: it resumes
 * with nothing lost and nothing counted twice.
 */
class WarehouseFailureIntegrationTests {

	private static final String API_KEY = "test-api-key-0123456789";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newHttpClient();

	/**
	 * A store operation fails after 1 s and a failed batch is retried at least every
	 * second, so that a test sees an outage, and the end of one, quickly.
	 */
	private static final String[] QUICK_STORE_FAILURES = { "--tributary.warehouse.store.timeout=1s",
			"--tributary.warehouse.consumer.retry-max-interval=1s" };

	@Test
	void killedMidBatchAndRestartedItEndsWithExactAggregates() throws Exception {
		try (TestBroker broker = new TestBroker();
				MongoClient mongo = MongoClients.create(Infrastructure.mongoUri("x"))) {
			broker.createTopics();
			List<TestEvent> events = new TestEvents(21, "crash").mixed(5000);
			broker.publish(events);
			var raw = mongo.getDatabase(broker.database).getCollection(broker.topic("weather"));
			long readings = events.stream().filter((event) -> event.role().equals("weather")).count();

			Process service = startInAnotherJvm(broker);
			try {
				await().atMost(Duration.ofMinutes(2))
					.pollInterval(Duration.ofMillis(20))
					.until(() -> raw.countDocuments() > readings / 4 || !service.isAlive());
				assertThat(service.isAlive()).as("still working when killed").isTrue();
			}
			finally {
				// SIGKILL: no shutdown hook, no last commit,
				// possibly halfway through a batch.
				service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			}
			assertThat(broker.lag()).as("work left when killed").isPositive();

			try (ConfigurableApplicationContext restarted = startHere(broker,
					Infrastructure.mongoUri(broker.database))) {
				broker.awaitAllCommitted(Duration.ofMinutes(3));
				MeterRegistry meters = restarted.getBean(MeterRegistry.class);
				double redelivered = meters.find("tributary.warehouse.events")
					.tag("outcome", "redelivered")
					.counters()
					.stream()
					.mapToDouble((counter) -> counter.count())
					.sum();
				assertThat(redelivered).as("records stored before the kill but not committed").isPositive();
				assertInsights(port(restarted), events);
			}
		}
	}

	/**
	 * The store away in both ways it can go: connections refused, or connections that
	 * stay open while nothing comes back (where only a read timeout stops a consumer from
	 * waiting forever in the middle of a batch).
	 */
	@ParameterizedTest
	@EnumSource(StoreProxy.Outage.class)
	void anUnreachableStoreStopsCommitsAndShowsDownUntilItReturns(StoreProxy.Outage outage) throws Exception {
		try (TestBroker broker = new TestBroker(); StoreProxy store = new StoreProxy(Infrastructure.mongoUri("x"))) {
			broker.createTopics();
			TestEvents generator = new TestEvents(22, "outage-" + outage.name().toLowerCase(Locale.ROOT));
			List<TestEvent> events = new ArrayList<>(generator.mixed(300));
			try (ConfigurableApplicationContext service = startHere(broker, store.uri(broker.database),
					QUICK_STORE_FAILURES)) {
				int port = port(service);
				broker.publish(events);
				broker.awaitAllCommitted(Duration.ofMinutes(1));

				store.fail(outage);
				List<TestEvent> during = generator.mixed(300);
				events.addAll(during);
				broker.publish(during);
				awaitNotReady(port);
				assertThat(get(port, "/actuator/health").body()).contains("\"mongo\":{\"status\":\"DOWN\"");
				long lagWhileDown = broker.lag();
				assertThat(lagWhileDown).as("nothing committed while the store is away").isPositive();
				await().during(Duration.ofSeconds(3))
					.atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(broker.lag()).isEqualTo(lagWhileDown));

				store.restore();
				broker.awaitAllCommitted(Duration.ofMinutes(1));
				assertThat(get(port, "/readyz").statusCode()).isEqualTo(200);
				for (String role : new String[] { "post", "weather", "feedback", "sentiment" }) {
					assertThat(broker.deadLetters(role, 0)).as("never dead-lettered for the store being down")
						.isEmpty();
				}
				assertInsights(port, events);
			}
		}
	}

	/**
	 * A warehouse (re)started while its store is away starts anyway, shows the store
	 * down, and catches up once the store is back, its indexes created then.
	 */
	@Test
	void aWarehouseStartedWhileTheStoreIsAwayCatchesUpWhenItReturns() throws Exception {
		try (TestBroker broker = new TestBroker();
				StoreProxy store = new StoreProxy(Infrastructure.mongoUri("x"));
				MongoClient mongo = MongoClients.create(Infrastructure.mongoUri("x"))) {
			broker.createTopics();
			List<TestEvent> events = new TestEvents(24, "late-store").mixed(300);
			broker.publish(events);
			store.cut();
			try (ConfigurableApplicationContext service = startHere(broker, store.uri(broker.database),
					QUICK_STORE_FAILURES)) {
				int port = port(service);
				awaitNotReady(port);
				assertThat(broker.lag()).as("nothing committed while the store is away").isPositive();

				store.restore();
				broker.awaitAllCommitted(Duration.ofMinutes(1));
				assertThat(get(port, "/readyz").statusCode()).isEqualTo(200);
				assertInsights(port, events);
				await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
					List<String> indexes = new ArrayList<>();
					mongo.getDatabase(broker.database)
						.getCollection("hourly_insights")
						.listIndexes()
						.forEach((index) -> indexes.add(index.getString("name")));
					assertThat(indexes).contains("id_version");
				});
			}
		}
	}

	/**
	 * A second instance joins the group while the first cannot reach the store and its
	 * consumers retry what they hold: the group rebalances under them, and the second
	 * instance takes partitions whose records the first still holds. When the first
	 * reaches the store again, its retried batch must not commit offsets of partitions it
	 * no longer owns: the new owner has committed past them, and an older offset
	 * committed after that would leave records uncommitted with no consumer left to
	 * commit them.
	 */
	@ParameterizedTest
	@EnumSource(StoreProxy.Outage.class)
	void aRebalanceWhileOneInstanceIsCutOffLeavesNothingUncommitted(StoreProxy.Outage outage) throws Exception {
		try (TestBroker broker = new TestBroker();
				StoreProxy firstStore = new StoreProxy(Infrastructure.mongoUri("x"));
				StoreProxy secondStore = new StoreProxy(Infrastructure.mongoUri("x"))) {
			broker.createTopics();
			TestEvents generator = new TestEvents(23, "rebalance-" + outage.name().toLowerCase(Locale.ROOT));
			List<TestEvent> events = new ArrayList<>(generator.mixed(300));
			try (ConfigurableApplicationContext first = startHere(broker, firstStore.uri(broker.database),
					QUICK_STORE_FAILURES)) {
				broker.publish(events);
				broker.awaitAllCommitted(Duration.ofMinutes(1));

				firstStore.fail(outage);
				List<TestEvent> held = generator.mixed(300);
				events.addAll(held);
				broker.publish(held);
				awaitNotReady(port(first));
				// Records the first instance's paused consumers do not fetch any more.
				List<TestEvent> later = generator.mixed(300);
				events.addAll(later);
				broker.publish(later);
				try (ConfigurableApplicationContext second = startHere(broker, secondStore.uri(broker.database),
						QUICK_STORE_FAILURES)) {
					await().atMost(Duration.ofSeconds(60))
						.untilAsserted(() -> assertThat(broker.groupSize()).isEqualTo(6));
					// The second instance has committed what it took over; the first
					// still holds a batch with records of partitions it no longer owns.
					long[] lag = { -1 };
					await().pollInterval(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(60)).until(() -> {
						long now = broker.lag();
						boolean settled = now == lag[0];
						lag[0] = now;
						return settled;
					});
					assertThat(lag[0]).as("records the first instance holds").isPositive();
					firstStore.restore();
					broker.awaitAllCommitted(Duration.ofMinutes(1));
					await().during(Duration.ofSeconds(5))
						.atMost(Duration.ofSeconds(10))
						.untilAsserted(() -> assertThat(broker.lag()).isZero());
					assertInsights(port(second), events);
				}
			}
		}
	}

	private static Process startInAnotherJvm(TestBroker broker) throws IOException {
		String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		Path log = Files.createTempFile(Path.of("target"), "killed-warehouse-", ".log");
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp", classpath,
				WarehouseApplication.class.getName(), "--server.port=0", "--tributary.security.api-keys=" + API_KEY));
		command.addAll(broker.arguments());
		File logFile = log.toFile();
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile).start();
	}

	private static ConfigurableApplicationContext startHere(TestBroker broker, String mongoUri, String... more) {
		List<String> arguments = new ArrayList<>(broker.arguments());
		arguments.removeIf((argument) -> argument.startsWith("--spring.mongodb.uri="));
		arguments.add("--spring.mongodb.uri=" + mongoUri);
		arguments.add("--server.port=0");
		arguments.addAll(List.of(more));
		return new SpringApplicationBuilder(WarehouseApplication.class).run(arguments.toArray(String[]::new));
	}

	/** Waits until the service says it is not ready: it has seen the store go away. */
	private static void awaitNotReady(int port) {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(get(port, "/readyz").statusCode()).isEqualTo(503));
	}

	private static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	/** The insights the service serves are exactly those of these events. */
	private static void assertInsights(int port, List<TestEvent> events) throws Exception {
		ExpectedInsights expected = new ExpectedInsights();
		events.forEach((event) -> expected.add(event.role(), json.readTree(event.json())));
		assertInsights(port, expected);
	}

	private static void assertInsights(int port, ExpectedInsights expected) throws Exception {
		String range = "&from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z";
		for (String location : expected.hourly.keySet()) {
			expected.assertHourly(location,
					getJson(port, "/api/v1/insights/hourly?location=" + encode(location) + range));
		}
		for (String product : expected.products.keySet()) {
			expected.assertProduct(product, getJson(port, "/api/v1/insights/products/" + encode(product)));
		}
		for (String platform : expected.platforms.keySet()) {
			expected.assertPlatform(platform, getJson(port, "/api/v1/insights/sentiment?"
					+ (platform.isEmpty() ? "" : "platform=" + encode(platform)) + range));
		}
	}

	private static JsonNode getJson(int port, String path) throws IOException, InterruptedException {
		HttpResponse<String> response = get(port, path);
		assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("X-API-Key", API_KEY)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
