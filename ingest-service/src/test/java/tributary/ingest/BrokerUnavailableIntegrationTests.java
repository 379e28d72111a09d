package tributary.ingest;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tributary.ingest.events.Json;
import tributary.local.LocalKafkaProcess;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no broker to take them, events are answered {@code 503} with {@code Retry-After}
 * within 5 s, carrying each event's id, and never {@code 2xx}: both when the broker stops
 * under a running service (records wait in the producer until
 * {@code delivery.timeout.ms}) and when it was never there (sends wait for metadata until
 * {@code max.block.ms}). Each case has a broker or an address of its own, so the shared
 * test broker is left alone.
 */
class BrokerUnavailableIntegrationTests {

	static final Duration LIMIT = Duration.ofSeconds(5);

	static final String UUID_V7 = "[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

	static final String POST = """
			{"platform":"x","author":"ada","text":"hello","createdAt":"2025-06-01T10:00:00Z"}""";

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void answers503WithinFiveSecondsOnceTheBrokerHasStopped() throws Exception {
		Path data = Files.createTempDirectory("tributary-ingest-broker-");
		LocalKafkaProcess broker = LocalKafkaProcess.start(data);
		try (ConfigurableApplicationContext service = start(broker.bootstrapServers(), true)) {
			String base = base(service);
			assertThat(post(base, POST).statusCode()).isEqualTo(202);
			broker.close();
			assertUnavailableInTime(base, POST);
			assertUnavailableInTime(base, batch(20));
		}
		finally {
			broker.close();
		}
	}

	@Test
	void answers503WithinFiveSecondsWhenTheBrokerWasNeverThere() throws Exception {
		try (ConfigurableApplicationContext service = start("127.0.0.1:" + unusedPort(), false)) {
			String base = base(service);
			assertUnavailableInTime(base, POST);
			// Every item would wait max.block.ms for metadata; the batch must not take
			// that
			// many times over.
			assertUnavailableInTime(base, batch(50));
		}
	}

	private static void assertUnavailableInTime(String base, String body) throws Exception {
		long start = System.nanoTime();
		HttpResponse<String> response = post(base, body);
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(response.body()).contains("\"title\":\"Broker unavailable\"");
		assertThat(took).isLessThan(LIMIT);
		// Every event's id, generated here since the client sent none, so that a retry
		// with it cannot store the event twice.
		JsonNode problem = Json.tree(response.body());
		List<JsonNode> events = problem.has("items") ? problem.get("items").valueStream().toList() : List.of(problem);
		assertThat(events).isNotEmpty()
			.allSatisfy((event) -> assertThat(event.get("id").stringValue()).matches(UUID_V7));
	}

	private static String batch(int size) {
		return "[" + String.join(",", Collections.nCopies(size, POST)) + "]";
	}

	private static ConfigurableApplicationContext start(String bootstrapServers, boolean provision) {
		return new SpringApplicationBuilder(IngestApplication.class).run("--server.port=0",
				"--spring.kafka.bootstrap-servers=" + bootstrapServers, "--tributary.topics.provision=" + provision,
				"--tributary.topics.provisioning-timeout=20s");
	}

	private static String base(ConfigurableApplicationContext context) {
		return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static HttpResponse<String> post(String base, String body) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/social-media"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("X-API-Key", "test-api-key-0123456789")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static int unusedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
