package tributary.suite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tributary.testsupport.OperationalEndpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A process of the suite that dies, however it dies, is started again by
 * {@code ./tributary}'s supervisor, and {@code ./tributary up} starts what is missing;
 * every test leaves the suite whole and healthy for the other tests of this JVM.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SupervisionIntegrationTests {

	// A JVM restart on the shared 2-core machine under a full build took up to ~100 s.
	private static final Duration RECOVERY = Duration.ofMinutes(5);

	private static final Pattern STATUS_LINE = Pattern.compile(
			"(?m)^(?<name>kafka|store|ingest|sentiment|warehouse|alerts)\\s+(?<pid>\\d+|-)\\s+\\d+\\s+(?<state>\\S+)\\s+"
					+ "(?<restarts>\\d+)\\s+(?<exit>.*?)\\s+/\\S+\\.log$");

	private static final Pattern SUPERVISOR_LINE = Pattern.compile("(?m)^Supervisor: pid (\\d+)");

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final RunningSuite suite = RunningSuite.get();

	@Test
	@Order(1)
	void theBrokerTheStoreAndAServiceKilledComeBackAndTheBacklogIsStored() throws Exception {
		Map<String, StatusLine> before = status();
		killHard(before.get("store").pid());
		killHard(before.get("warehouse").pid());
		// Accepted while the warehouse and its store are down: it must be stored once
		// they are back.
		String backlog = postPost();
		assertThat(backlog).as("accepted while the store is down").isNotNull();
		killHard(before.get("kafka").pid());

		await().atMost(RECOVERY).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			Map<String, StatusLine> now = status();
			for (String name : List.of("kafka", "store", "warehouse")) {
				assertThat(now.get(name).state()).as(name).isEqualTo("UP");
				assertThat(now.get(name).restarts()).as(name).isEqualTo(before.get(name).restarts() + 1);
				assertThat(now.get(name).lastExit()).as(name).startsWith("137 (SIGKILL) at ");
			}
			assertThat(now.get("ingest").restarts()).isEqualTo(before.get("ingest").restarts());
		});
		String afterwards = await().atMost(RECOVERY)
			.pollInterval(Duration.ofSeconds(2))
			.until(SupervisionIntegrationTests::postPost, (id) -> id != null);
		awaitStored("social_media", backlog);
		awaitStored("customer_sentiment", afterwards);
		awaitWholeAndHealthy();
	}

	@Test
	@Order(2)
	void upStartsWhatIsMissingAndTheSupervisor() throws Exception {
		Map<String, StatusLine> before = status();
		long supervisor = supervisorPid(this.suite.run("status"));
		killHard(supervisor);
		await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(supervisor).isEmpty());
		killHard(before.get("sentiment").pid());
		// Nothing restarts it now: only up can.
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			String status = this.suite.run("status");
			assertThat(status).contains("Supervisor: not running");
			assertThat(parse(status).get("sentiment").state()).isEqualTo("STOPPED");
		});

		String up = this.suite.run("up", "--detach");

		assertThat(up).contains("starting it, and what is missing: sentiment");
		Map<String, StatusLine> after = parse(up);
		assertThat(after.get("sentiment").state()).isEqualTo("UP");
		assertThat(after.get("sentiment").restarts()).isEqualTo(before.get("sentiment").restarts() + 1);
		assertThat(supervisorPid(up)).isNotEqualTo(supervisor);
		String id = await().atMost(RECOVERY)
			.pollInterval(Duration.ofSeconds(2))
			.until(SupervisionIntegrationTests::postPost, (posted) -> posted != null);
		awaitStored("customer_sentiment", id);
	}

	@Test
	@Order(3)
	void upOnAWholeHealthySuiteSaysItIsAlreadyRunning() {
		Map<String, StatusLine> before = status();

		String up = this.suite.run("up", "--detach");

		assertThat(up).contains("A suite is already running from " + this.suite.dataDir());
		Map<String, StatusLine> after = parse(up);
		assertThat(after.values()).allSatisfy((process) -> assertThat(process.state()).isEqualTo("UP"));
		before.forEach((name, process) -> assertThat(after.get(name).pid()).as(name).isEqualTo(process.pid()));
		assertThat(SUPERVISOR_LINE.matcher(up).find()).isTrue();
	}

	private void awaitWholeAndHealthy() {
		await().atMost(RECOVERY).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			assertThat(status().values()).allSatisfy((process) -> assertThat(process.state()).isEqualTo("UP"));
			this.suite.serviceUrls().forEach((name, url) -> OperationalEndpoints.at(url).assertStandard());
		});
	}

	private void awaitStored(String topic, String id) {
		await().atMost(RECOVERY).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			HttpResponse<String> stored = get(this.suite.warehouseUrl() + "/api/v1/events/" + topic + "/" + id);
			assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
		});
	}

	private Map<String, StatusLine> status() {
		return parse(this.suite.run("status"));
	}

	private static Map<String, StatusLine> parse(String status) {
		Map<String, StatusLine> processes = new LinkedHashMap<>();
		Matcher line = STATUS_LINE.matcher(status);
		while (line.find()) {
			processes.put(line.group("name"),
					new StatusLine(line.group("pid").equals("-") ? -1 : Long.parseLong(line.group("pid")),
							line.group("state"), Integer.parseInt(line.group("restarts")), line.group("exit")));
		}
		assertThat(processes).as(status)
			.containsOnlyKeys("kafka", "store", "ingest", "sentiment", "warehouse", "alerts");
		return processes;
	}

	private static long supervisorPid(String status) {
		Matcher line = SUPERVISOR_LINE.matcher(status);
		assertThat(line.find()).as(status).isTrue();
		return Long.parseLong(line.group(1));
	}

	/** What {@code kill -9} does: no shutdown hook, no clean close of any file. */
	private static void killHard(long pid) {
		assertThat(pid).isPositive();
		ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
		assertThat(process.destroyForcibly()).isTrue();
		await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
	}

	/** Posts a post and returns its id once ingest accepted it, or null. */
	private static @Nullable String postPost() throws IOException, InterruptedException {
		String id = "supervision-" + UUID.randomUUID();
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(suiteIngestUrl()))
			.header("Content-Type", "application/json")
			.header("X-API-Key", RunningSuite.API_KEY)
			.timeout(Duration.ofSeconds(20))
			.POST(HttpRequest.BodyPublishers.ofString("""
					{"id":"%s","platform":"twitter","author":"supervision","text":"Back again, and it works great",
					 "createdAt":"%s","location":"Supervision"}""".formatted(id,
					Instant.now().truncatedTo(ChronoUnit.SECONDS))))
			.build(), HttpResponse.BodyHandlers.ofString());
		return (response.statusCode() == 202) ? id : null;
	}

	private static String suiteIngestUrl() {
		return RunningSuite.get().ingestUrl() + "/api/v1/social-media";
	}

	private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(url))
			.header("X-API-Key", RunningSuite.API_KEY)
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A line of {@code ./tributary status}. */
	private record StatusLine(long pid, String state, int restarts, String lastExit) {
	}

}
