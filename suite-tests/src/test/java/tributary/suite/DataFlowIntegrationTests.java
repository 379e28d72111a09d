package tributary.suite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events posted to ingest flow through sentiment into the warehouse, and survive a
 * restart of the whole suite.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DataFlowIntegrationTests {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final String POST_ID = "e2e-" + UUID.randomUUID();

	private static final String LOCATION = "E2E-" + UUID.randomUUID().toString().substring(0, 8);

	private final RunningSuite suite = RunningSuite.get();

	@Test
	@Order(1)
	void aPostedPostIsScoredAndStoredWithItsSentiment() throws Exception {
		String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
		HttpResponse<String> accepted = post(this.suite.ingestUrl() + "/api/v1/social-media",
				"""
						{"id":"%s","platform":"twitter","author":"e2e-author","text":"I absolutely love this product, it is great!",
						 "createdAt":"%s","location":"%s","productId":"e2e-product"}"""
					.formatted(POST_ID, now, LOCATION));
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		assertThat(accepted.body()).contains(POST_ID).contains("social_media");

		String reading = post(this.suite.ingestUrl() + "/api/v1/weather", """
				{"stationId":"E2E-1","location":"%s","observedAt":"%s","temperatureC":12.5,"humidityPct":60}"""
			.formatted(LOCATION, now)).body();
		assertThat(reading).contains("weather_data");

		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			HttpResponse<String> stored = get(
					this.suite.warehouseUrl() + "/api/v1/events/customer_sentiment/" + POST_ID);
			assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
			assertThat(stored.body()).contains("\"label\":\"positive\"").contains("e2e-product");
		});
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			HttpResponse<String> hourly = get(this.suite.warehouseUrl() + "/api/v1/insights/hourly?location=" + LOCATION
					+ "&from=" + Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS) + "&to="
					+ Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS));
			assertThat(hourly.statusCode()).as(hourly.body()).isEqualTo(200);
			assertThat(hourly.body()).contains(LOCATION).contains("12.5");
		});
	}

	@Test
	@Order(2)
	void aRestartOfTheWholeSuiteKeepsTheData() throws Exception {
		this.suite.down();
		assertThat(this.suite.run("status")).doesNotContainPattern("(?m)\\s(UP|STARTING)\\s");
		this.suite.up();

		HttpResponse<String> stored = get(this.suite.warehouseUrl() + "/api/v1/events/social_media/" + POST_ID);
		assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
		assertThat(stored.body()).contains("I absolutely love this product");
	}

	private static HttpResponse<String> post(String url, String json) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.header("X-API-Key", RunningSuite.API_KEY)
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(url))
			.header("X-API-Key", RunningSuite.API_KEY)
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
