package tributary.warehouse.dashboard;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tributary.testsupport.WithInfrastructure;
import tributary.warehouse.TestBroker;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The dashboard in a real browser (Debian's Chromium, headless) against a warehouse with
 * a real broker and store: first empty, where every page says what to do, then holding
 * demo-like data, where every figure shown equals what the API answers and every chart
 * has drawn its series. A screenshot of each page goes to {@code target/dashboard/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "tributary.warehouse.consumer.lag-interval=1s")
@WithInfrastructure
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIntegrationTests {

	private static final String API_KEY = "test-api-key-0123456789";

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Path.of("target", "dashboard");

	private static final TestBroker broker = new TestBroker();

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newHttpClient();

	// Counts the pixels of one colour on a chart's canvas: uPlot draws its axes in grey,
	// so pixels of a series' colour are that series drawn.
	private static final String PIXELS_OF_COLOUR = """
			const canvas = arguments[0].querySelector('canvas');
			if (!canvas) { return -1; }
			const hex = arguments[1];
			const rgb = [1, 3, 5].map((i) => parseInt(hex.substring(i, i + 2), 16));
			const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
			let count = 0;
			for (let i = 0; i < data.length; i += 4) {
				if (data[i + 3] > 100 && Math.abs(data[i] - rgb[0]) < 30 && Math.abs(data[i + 1] - rgb[1]) < 30
						&& Math.abs(data[i + 2] - rgb[2]) < 30) {
					count++;
				}
			}
			return count;
			""";

	private static ChromeDriver browser;

	private static boolean loaded;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void isolate(DynamicPropertyRegistry registry) {
		broker.register(registry);
	}

	@BeforeAll
	static void startChromium() throws IOException {
		Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"Chromium cannot run here: no " + CHROMIUM + " or " + CHROMEDRIVER
						+ " (apt-get install -y chromium chromium-driver; .ci/run installs them)");
		Path profile = Files.createTempDirectory("dashboard-chromium");
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--disable-dev-shm-usage", "--window-size=1400,1250", "--user-data-dir=" + profile);
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		try {
			browser = new ChromeDriver(service, options);
		}
		catch (WebDriverException ex) {
			Assumptions.abort("Chromium cannot run here: " + ex.getMessage().lines().findFirst().orElse(""));
		}
		browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
		Files.createDirectories(SCREENSHOTS);
	}

	@AfterAll
	static void close() {
		if (browser != null) {
			browser.quit();
		}
		broker.close();
	}

	@Test
	@Order(1)
	void asksForTheKeyOnceSaysWhenItIsWrongAndWhileEmptyEveryPageSaysWhatToDo() throws Exception {
		browser.get(url("/"));
		// The page and its chart library load without a key; the data does not. A fresh
		// browser's first navigation may return before its scripts ran: wait for them,
		// and say what the page had loaded if they never do.
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(browser.executeScript("return typeof uPlot")).as(this::pageState)
				.isEqualTo("function"));
		WebElement dialog = await().atMost(Duration.ofSeconds(10))
			.until(() -> browser.findElement(By.id("key-dialog")), WebElement::isDisplayed);
		assertThat(browser.findElements(By.cssSelector("[data-topic]"))).isEmpty();

		enterKey("not-the-key-0123456789");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(browser.findElement(By.id("key-problem")).getText()).contains("not accepted"));
		assertThat(dialog.isDisplayed()).isTrue();
		assertThat(browser.findElements(By.cssSelector("[data-topic]"))).isEmpty();

		enterKey(API_KEY);
		await().atMost(Duration.ofSeconds(10)).until(() -> !dialog.isDisplayed());
		assertThat(emptyState("no-events")).contains("No events yet: run ./tributary demo");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> browser.findElements(By.cssSelector("[data-topic]")).size() == broker.topics().size());
		assertAlertsEmpty();
		// Kept for the tab's session only, and never in an address.
		assertThat(browser.executeScript("return sessionStorage.getItem('tributary.apiKey')")).isEqualTo(API_KEY);
		assertThat(browser.executeScript("return localStorage.length")).isEqualTo(0L);
		assertThat(browser.getCurrentUrl()).doesNotContain(API_KEY);

		browser.get(url("/location.html"));
		assertThat(emptyState("content")).contains("No locations yet: run ./tributary demo");
		assertThat(browser.findElement(By.id("key-dialog")).isDisplayed()).as("asked once per session").isFalse();
		browser.get(url("/product.html"));
		assertThat(emptyState("content")).contains("No products yet: run ./tributary demo");
		browser.get(url("/platforms.html"));
		assertThat(emptyState("content")).contains("No scored posts yet: run ./tributary demo");
		assertThat(browser.getCurrentUrl()).doesNotContain(API_KEY);
	}

	@Test
	@Order(2)
	void theOverviewShowsEachTopicsFlowAsTheApiMeasuresIt() throws Exception {
		load();
		open("/");
		for (String role : List.of("weather", "post", "sentiment", "feedback", "alert")) {
			String topic = broker.topic(role);
			// The page polls every 5 s and the warehouse measures its lag every second:
			// both settle once everything is taken.
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				assertThat(figure("flow." + topic + ".records")).isEqualTo(flowOf(topic).get("records").asDouble());
				assertThat(figure("flow." + topic + ".lag")).isEqualTo(flowOf(topic).get("lag").asDouble());
			});
		}
		assertThat(figure("flow." + broker.topic("weather") + ".records"))
			.isEqualTo(DemoLikeEvents.CITIES.size() * DemoLikeEvents.HOURS * DemoLikeEvents.READINGS_PER_HOUR);
		assertThat(browser.findElement(By.id("no-events")).getText()).isEmpty();
		// The latency shown is the API's, whose events were all stored in this window.
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode weather = flowOf(broker.topic("weather"));
			assertThat(weather.get("latencyP99Seconds").isNull()).isFalse();
			assertThat(figure("flow." + broker.topic("weather") + ".latencyP99Seconds"))
				.isCloseTo(weather.get("latencyP99Seconds").asDouble(), within(1e-9));
		});
		assertCharts("rate-chart", "lag-chart", "latency-chart");
		assertThat(figure("flow." + broker.topic("alert") + ".records")).isEqualTo(3);
		assertAlertsShown("/api/v1/alerts?limit=10", 3);
		screenshot("overview");
	}

	@Test
	@Order(3)
	void theLocationPageShowsTheHoursOfTheChosenCityAsTheApiAnswersThem() throws Exception {
		load();
		open("/location.html?location=Seville&range=24h");
		await().atMost(Duration.ofSeconds(10)).until(() -> !figureText("readings").isEmpty());
		Instant to = Instant.now();
		JsonNode hours = api(
				"/api/v1/insights/hourly?location=Seville&from=" + to.minus(Duration.ofHours(24)) + "&to=" + to)
			.get("hours");
		long readings = 0;
		double temperatureSum = 0;
		double temperatureMax = Double.NEGATIVE_INFINITY;
		long posts = 0;
		long positive = 0;
		long neutral = 0;
		long negative = 0;
		long feedback = 0;
		double ratingSum = 0;
		for (JsonNode hour : hours) {
			JsonNode weather = hour.get("weather");
			readings += weather.get("readings").asLong();
			temperatureSum += weather.get("temperatureMeanC").asDouble() * weather.get("readings").asLong();
			temperatureMax = Math.max(temperatureMax, weather.get("temperatureMaxC").asDouble());
			posts += hour.get("posts").get("count").asLong();
			positive += hour.get("sentiment").get("positive").asLong();
			neutral += hour.get("sentiment").get("neutral").asLong();
			negative += hour.get("sentiment").get("negative").asLong();
			feedback += hour.get("feedback").get("count").asLong();
			ratingSum += hour.get("feedback").get("ratingMean").asDouble() * hour.get("feedback").get("count").asLong();
		}
		assertThat(readings).isEqualTo(DemoLikeEvents.HOURS * DemoLikeEvents.READINGS_PER_HOUR);
		assertThat(figure("readings")).isEqualTo(readings);
		assertThat(figure("temperatureMean")).isCloseTo(temperatureSum / readings, within(1e-9));
		assertThat(figure("temperatureMax")).isEqualTo(temperatureMax).isEqualTo(36.4);
		assertThat(figureText("temperatureMax")).isEqualTo("36.4");
		assertThat(figure("posts")).isEqualTo(posts).isEqualTo(DemoLikeEvents.HOURS * DemoLikeEvents.POSTS_PER_HOUR);
		assertThat(browser.findElement(By.cssSelector("[data-figure='sentimentMix']")).getDomAttribute("data-value"))
			.isEqualTo(positive + "," + neutral + "," + negative);
		assertThat(figure("feedback")).isEqualTo(feedback);
		assertThat(figure("ratingMean")).isCloseTo(ratingSum / feedback, within(1e-9));
		assertCharts("temperature-chart", "posts-chart", "rating-chart");
		assertThat(chartPoints("temperature-chart")).isEqualTo(3 * DemoLikeEvents.HOURS);
		assertAlertsShown(
				"/api/v1/alerts?location=Seville&limit=100&from=" + to.minus(Duration.ofHours(24)) + "&to=" + to, 3);
		assertThat(browser.getCurrentUrl()).contains("location=Seville").doesNotContain(API_KEY);
		screenshot("location");
	}

	@Test
	@Order(4)
	void theProductPageShowsItsRatingsAndTheSentimentOfPostsNamingIt() throws Exception {
		load();
		open("/product.html?product=speaker-10");
		await().atMost(Duration.ofSeconds(10)).until(() -> !figureText("feedback").isEmpty());
		JsonNode product = api("/api/v1/insights/products/speaker-10");
		assertThat(figure("feedback")).isEqualTo(product.get("feedback").get("count").asDouble()).isPositive();
		assertThat(figure("ratingMean")).isCloseTo(product.get("feedback").get("ratingMean").asDouble(), within(1e-9));
		assertThat(figure("posts")).isEqualTo(product.get("posts").get("count").asDouble());
		JsonNode sentiment = product.get("sentiment");
		assertThat(browser.findElement(By.cssSelector("[data-figure='sentimentMix']")).getDomAttribute("data-value"))
			.isEqualTo(sentiment.get("positive").asLong() + "," + sentiment.get("neutral").asLong() + ","
					+ sentiment.get("negative").asLong());
		assertThat(figure("compoundMean")).isCloseTo(sentiment.get("compoundMean").asDouble(), within(1e-9));
		assertCharts("histogram-chart", "rating-chart", "sentiment-chart");
		Instant to = Instant.now();
		JsonNode hours = api(
				"/api/v1/insights/products/speaker-10/hourly?from=" + to.minus(Duration.ofDays(7)) + "&to=" + to)
			.get("hours");
		assertThat(hours).isNotEmpty();
		assertThat(chartPoints("rating-chart")).isEqualTo(hours.size());
		// speaker-10 is never rated 5: four bars.
		assertThat(product.get("feedback").get("ratings").get("5").asLong()).isZero();
		assertThat(chartPoints("histogram-chart")).isEqualTo(5);
		screenshot("product");
	}

	@Test
	@Order(5)
	void thePlatformsPageShowsEachPlatformsSentimentAsTheApiAnswersIt() throws Exception {
		load();
		open("/platforms.html?range=24h");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> browser.findElements(By.cssSelector("[data-platform]")).size() == 3);
		Instant to = Instant.now();
		long total = 0;
		for (String platform : DemoLikeEvents.PLATFORMS) {
			JsonNode totals = api("/api/v1/insights/sentiment?platform=" + platform + "&from="
					+ to.minus(Duration.ofHours(24)) + "&to=" + to)
				.get("totals");
			for (String field : List.of("count", "positive", "neutral", "negative")) {
				assertThat(figure("platform." + platform + "." + field)).as(platform + " " + field)
					.isEqualTo(totals.get(field).asDouble());
			}
			assertThat(figure("platform." + platform + ".compoundMean"))
				.isCloseTo(totals.get("compoundMean").asDouble(), within(1e-9));
			total += totals.get("count").asLong();
		}
		assertThat(total)
			.isEqualTo((long) DemoLikeEvents.CITIES.size() * DemoLikeEvents.HOURS * DemoLikeEvents.POSTS_PER_HOUR);
		assertCharts("compound-chart", "negative-chart");
		screenshot("platforms");
	}

	/**
	 * Publishes the demo-like events once and waits until the warehouse took them all.
	 */
	private static void load() {
		if (loaded) {
			return;
		}
		broker.publish(new DemoLikeEvents(Instant.now()).all());
		broker.awaitAllCommitted(Duration.ofMinutes(2));
		loaded = true;
	}

	/** Opens a page with the key already in the session, as after the first prompt. */
	private void open(String path) {
		browser.get(url("/dashboard/dashboard.css"));
		browser.executeScript("sessionStorage.setItem('tributary.apiKey', arguments[0])", API_KEY);
		browser.get(url(path));
		await().atMost(Duration.ofSeconds(15))
			.until(() -> browser.executeScript("return document.body.dataset.loaded") != null);
		assertThat(browser.findElement(By.id("status")).getText()).as("the page's error line").isEmpty();
	}

	private void enterKey(String key) {
		WebElement input = browser.findElement(By.id("key-input"));
		input.clear();
		input.sendKeys(key);
		browser.findElement(By.id("key-submit")).click();
	}

	private String emptyState(String containerId) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> browser.findElements(By.cssSelector("#" + containerId + " [data-empty]"))
				.stream()
				.map(WebElement::getText)
				.findFirst()
				.orElse(""), (text) -> !text.isEmpty());
	}

	/** The alerts panel in its empty state. */
	private void assertAlertsEmpty() throws Exception {
		assertThat(api("/api/v1/alerts?limit=10").get("alerts")).isEmpty();
		assertThat(emptyState("alerts")).contains("No alerts yet");
	}

	/** The alerts panel lists what the API answers, in its order. */
	private void assertAlertsShown(String query, int expected) throws Exception {
		List<String> ids = new ArrayList<>();
		api(query).get("alerts").forEach((alert) -> ids.add(alert.get("id").stringValue()));
		assertThat(ids).hasSize(expected);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(browser.findElements(By.cssSelector("#alerts [data-alert]")))
				.extracting((row) -> row.getDomAttribute("data-alert"))
				.containsExactlyElementsOf(ids));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(browser.findElement(By.cssSelector("#alerts [data-alert^='high-temperature/']")).getText())
				.contains("Seville")
				.contains("36.4 °C")
				.contains("35.0 °C");
			assertThat(browser.findElement(By.cssSelector("#alerts [data-alert^='sentiment-drop/']")).getText())
				.contains("72 % negative");
		});
	}

	/**
	 * Each chart drawn with data. The overview's charts follow the warehouse's 5-s flow
	 * history, so a chart may fill a poll or two after its figures: wait that long.
	 */
	private void assertCharts(String... ids) {
		for (String id : ids) {
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertChartDrawn(id));
		}
	}

	private void assertChartDrawn(String id) {
		WebElement chart = browser.findElement(By.id(id));
		assertThat(chartPoints(id)).as(id + " data points").isPositive();
		// Series drawn later may hide one that lies under them (all at 0, say): the most
		// pixels of any series' colour tell that the series were drawn.
		long most = 0;
		for (String colour : chart.getDomAttribute("data-colors").split(",")) {
			Object pixels = browser.executeScript(PIXELS_OF_COLOUR, chart, colour);
			most = Math.max(most, ((Number) pixels).longValue());
		}
		// A series of one point is one small ring.
		assertThat(most).as(id + ": pixels of its series' colours").isGreaterThan(10);
	}

	private int chartPoints(String id) {
		String points = browser.findElement(By.id(id)).getDomAttribute("data-points");
		assertThat(points).as(id + " drawn").isNotNull();
		return Integer.parseInt(points);
	}

	private double figure(String name) {
		// One script reads the attribute where the element is now: the page replaces its
		// figures on every poll, so an element found a moment ago may be gone.
		Object value = browser.executeScript(
				"const e = document.querySelector(arguments[0]); return e && e.getAttribute('data-value');",
				"[data-figure='" + name + "']");
		assertThat(value).as(name).isInstanceOf(String.class);
		assertThat((String) value).as(name).isNotBlank();
		return Double.parseDouble((String) value);
	}

	/**
	 * Awaitility's {@code await()}, looking again where the page replaced an element
	 * between finding it and reading it (it re-renders on every poll).
	 */
	private static ConditionFactory await() {
		return Awaitility.await().ignoreException(StaleElementReferenceException.class);
	}

	/** What the page loaded and logged, for an assertion's message. */
	private String pageState() {
		Object resources = browser.executeScript("""
				return JSON.stringify({ readyState: document.readyState, href: location.href,
					resources: performance.getEntriesByType('resource').map((r) =>
						({ name: r.name, status: r.responseStatus, ms: Math.round(r.duration) })) });
				""");
		StringBuilder state = new StringBuilder().append(resources);
		browser.manage()
			.logs()
			.get(LogType.BROWSER)
			.forEach((entry) -> state.append(System.lineSeparator()).append(entry));
		return state.toString();
	}

	private String figureText(String name) {
		return browser.findElement(By.cssSelector("[data-figure='" + name + "']")).getText();
	}

	private JsonNode flowOf(String topic) throws Exception {
		List<JsonNode> topics = new ArrayList<>();
		api("/api/v1/flow").get("topics").forEach(topics::add);
		return topics.stream()
			.filter((flow) -> flow.get("topic").stringValue().equals(topic))
			.findFirst()
			.orElseThrow(() -> new AssertionError(topic + " not in " + topics));
	}

	private void screenshot(String page) throws IOException {
		Files.write(SCREENSHOTS.resolve(page + ".png"), browser.getScreenshotAs(OutputType.BYTES));
	}

	private JsonNode api(String path) throws Exception {
		HttpResponse<String> response = get(path);
		assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		String encoded = path.replace("+", URLEncoder.encode("+", StandardCharsets.UTF_8));
		return http.send(HttpRequest.newBuilder(URI.create(url(encoded))).header("X-API-Key", API_KEY).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
