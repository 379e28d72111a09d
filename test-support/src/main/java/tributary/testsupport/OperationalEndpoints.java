package tributary.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks what every service promises operators: probes, health, Prometheus metrics and
 * its version and commit over HTTP, and no other Actuator endpoint.
 */
public final class OperationalEndpoints {

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	private OperationalEndpoints(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/**
	 * The endpoints of the service at a base URL.
	 * @param baseUrl for example {@code http://localhost:8080}
	 * @return the checks
	 */
	public static OperationalEndpoints at(String baseUrl) {
		return new OperationalEndpoints(baseUrl);
	}

	/** Asserts the standard operational surface of a Tributary service. */
	public void assertStandard() {
		assertThat(get("/livez")).satisfies(ok("\"status\":\"UP\""));
		assertThat(get("/readyz")).satisfies(ok("\"status\":\"UP\""));
		assertThat(get("/actuator/health")).satisfies(ok("\"status\":\"UP\""));
		assertThat(get("/actuator/health/liveness")).satisfies(ok("\"status\":\"UP\""));
		assertThat(get("/actuator/health/readiness")).satisfies(ok("\"status\":\"UP\""));
		HttpResponse<String> prometheus = get("/actuator/prometheus");
		assertThat(prometheus).satisfies(ok("jvm_memory_used_bytes"));
		assertThat(prometheus.body()).contains("application=\"");
		// Public, so the version and the short commit id only: no build host, e-mail
		// addresses, JVM or OS.
		HttpResponse<String> info = get("/actuator/info");
		assertThat(info).satisfies(ok("\"version\""));
		assertThat(info.body()).matches("\\{\"version\":\"[^\"]+\",\"commit\":\"[0-9a-f]{7,}\"}");
		for (String hidden : new String[] { "/actuator/env", "/actuator/beans", "/actuator/configprops",
				"/actuator/heapdump", "/actuator/loggers", "/actuator/metrics", "/actuator/threaddump" }) {
			assertThat(get(hidden).statusCode()).as(hidden + " must not be exposed").isEqualTo(404);
		}
	}

	private static java.util.function.Consumer<HttpResponse<String>> ok(String expected) {
		return (response) -> {
			assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(200);
			assertThat(response.body()).as(response.uri().toString()).contains(expected);
		};
	}

	/**
	 * GETs a path of the service.
	 * @param path a path starting with {@code /}
	 * @return the response with its body as text
	 */
	public HttpResponse<String> get(String path) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
				.timeout(Duration.ofSeconds(10))
				.build();
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new AssertionError("GET " + path + " failed: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted", ex);
		}
	}

}
