package tributary.sentiment.api;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tributary.sentiment.engine.Explanation.Contribution;
import tributary.sentiment.engine.SentimentEngine;
import tributary.sentiment.engine.SentimentScore;
import tributary.sentiment.system.SentimentProperties;
import tributary.support.security.SecurityConfiguration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

@WebMvcTest(controllers = ScoreController.class,
		properties = { "tributary.sentiment.api.max-batch-size=5", "tributary.sentiment.api.max-text-length=50",
				"tributary.sentiment.api.max-body-size=1KB" })
@ImportAutoConfiguration(SecurityConfiguration.class)
class ScoreControllerTests {

	private static final String KEY = "test-api-key-0123456789";

	private static final String PATH = "/api/v1/sentiment/score";

	private static final SentimentEngine engine = SentimentEngine.create();

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Test
	void scoresOneText() {
		MvcTestResult result = post("{\"text\": \"I love these headphones, they are great!\"}");

		assertThat(result).hasStatusOk().hasContentType(MediaType.APPLICATION_JSON);
		assertResultOf("I love these headphones, they are great!", body(result));
		assertThat(body(result).get("label").stringValue()).isEqualTo("positive");
	}

	@Test
	void namesTheScorerAndExplainsOnlyWhenAsked() {
		JsonNode result = body(post("{\"text\": \"good\"}"));

		assertThat(result.get("engineVersion").stringValue()).isEqualTo(engine.version());
		assertThat(result.has("explanation")).isFalse();
		assertThat(body(post(PATH + "?explain=false", "{\"text\": \"good\"}")).has("explanation")).isFalse();
	}

	@Test
	void explainsWhichFeaturesPushedTheScore() {
		String text = "The food was not good, but the staff were great.";
		MvcTestResult result = post(PATH + "?explain=true", "{\"text\": \"" + text + "\"}");

		assertThat(result).hasStatusOk();
		assertResultOf(text, body(result));
		JsonNode explanation = body(result).get("explanation");
		List<Contribution> expected = engine.explain(text, ScoreController.EXPLAIN_LIMIT).contributions();
		assertThat(explanation.size()).isEqualTo(expected.size());
		for (int i = 0; i < expected.size(); i++) {
			assertThat(explanation.get(i).get("feature").stringValue()).isEqualTo(expected.get(i).feature());
			assertThat(explanation.get(i).get("weight").doubleValue()).isEqualTo(expected.get(i).weight());
		}
		assertThat(explanation.get(0).get("feature").stringValue()).isEqualTo("great");
		assertThat(explanation.get(1).get("feature").stringValue()).isEqualTo("not good");
		assertThat(explanation.get(1).get("weight").doubleValue()).isNegative();
	}

	@Test
	void explainsEveryResultOfABatch() {
		JsonNode results = body(post(PATH + "?explain=true", "[{\"text\": \"awful\"}, {\"text\": \"the bus\"}]"));

		assertThat(results.get(0).get("explanation").get(0).get("feature").stringValue()).isEqualTo("awful");
		assertThat(results.get(1).get("explanation").isArray()).isTrue();
		assertThat(results.get(1).get("explanation").size()).isZero();
	}

	@Test
	void rejectsAnExplainThatIsNotABoolean() {
		MvcTestResult result = post(PATH + "?explain=please", "{\"text\": \"good\"}");

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(body(result).get("status").intValue()).isEqualTo(400);
		assertThat(body(result).get("detail").stringValue()).contains("explain");
	}

	@Test
	void scoresABatchInTheOrderOfItsTexts() {
		List<String> texts = List.of("This is awful, I hate it.", "The parcel arrived on Tuesday.",
				"Absolutely wonderful service!", "Worst purchase ever :(", "Great :)");
		String request = texts.stream()
			.map((text) -> "{\"text\": \"" + text + "\"}")
			.collect(Collectors.joining(",", "[", "]"));

		MvcTestResult result = post(request);

		assertThat(result).hasStatusOk();
		JsonNode results = body(result);
		assertThat(results.isArray()).isTrue();
		assertThat(results.size()).isEqualTo(texts.size());
		IntStream.range(0, texts.size()).forEach((i) -> assertResultOf(texts.get(i), results.get(i)));
		assertThat(results.get(0).get("label").stringValue()).isEqualTo("negative");
		assertThat(results.get(2).get("label").stringValue()).isEqualTo("positive");
	}

	@Test
	void answersAnEmptyBatchWithAnEmptyArray() {
		MvcTestResult result = post("[]");

		assertThat(result).hasStatusOk();
		assertThat(body(result).isArray()).isTrue();
		assertThat(body(result).size()).isZero();
	}

	@Test
	void ignoresUnknownFields() {
		assertThat(post("{\"text\": \"good\", \"id\": 7}")).hasStatusOk();
	}

	@Test
	void rejectsABatchOverTheLimitWith413() {
		String request = IntStream.range(0, 6)
			.mapToObj((i) -> "{\"text\": \"t\"}")
			.collect(Collectors.joining(",", "[", "]"));

		MvcTestResult result = post(request);

		assertThat(result).hasStatus(HttpStatus.CONTENT_TOO_LARGE).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(body(result).get("status").intValue()).isEqualTo(413);
		assertThat(body(result).get("detail").stringValue()).contains("6 texts").contains("at most 5");
		assertThat(body(result).get("maxBatchSize").intValue()).isEqualTo(5);
	}

	@Test
	void rejectsABodyOverTheSizeLimitWith413BeforeLookingAtIt() {
		MvcTestResult result = post("{\"text\": \"" + "a".repeat(1100) + "\"}");

		assertThat(result).hasStatus(HttpStatus.CONTENT_TOO_LARGE).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(body(result).get("title").stringValue()).isEqualTo("Payload too large");
		assertThat(body(result).get("detail").stringValue()).contains("larger than 1024 bytes");
		assertThat(body(result).get("maxBytes").intValue()).isEqualTo(1024);
	}

	@Test
	void scoresABodyOfExactlyTheSizeLimit() {
		String text = "{\"text\": \"good\"}";

		assertThat(post(text + " ".repeat(1024 - text.length()))).hasStatusOk();
	}

	@Test
	void rejectsARequestWithoutTextNamingTheField() {
		MvcTestResult result = post("{\"txt\": \"hello\"}");

		assertProblem(result, 400, "text is required");
		assertThat(body(result).get("errors").get(0).get("field").stringValue()).isEqualTo("text");
	}

	@Test
	void rejectsATextThatIsNotAString() {
		assertProblem(post("{\"text\": 42}"), 400, "text must be a string");
		assertProblem(post("{\"text\": null}"), 400, "text is required");
	}

	@Test
	void rejectsATextOverTheLengthLimit() {
		assertProblem(post("{\"text\": \"" + "a".repeat(51) + "\"}"), 400,
				"text has 51 characters, more than the 50 allowed");
	}

	@Test
	void namesEveryInvalidElementOfABatch() {
		MvcTestResult result = post("[{\"text\": \"fine\"}, {}, \"plain\", {\"text\": 1}]");

		assertProblem(result, 400, "3 fields are invalid, the first: [1].text is required");
		JsonNode errors = body(result).get("errors");
		assertThat(errors.size()).isEqualTo(3);
		assertThat(errors.get(0).get("field").stringValue()).isEqualTo("[1].text");
		assertThat(errors.get(1).get("field").stringValue()).isEqualTo("[2]");
		assertThat(errors.get(2).get("field").stringValue()).isEqualTo("[3].text");
		assertThat(errors.get(2).get("message").stringValue()).isEqualTo("must be a string");
	}

	@Test
	void rejectsABodyThatIsNeitherObjectNorArray() {
		assertProblem(post("\"just a string\""), 400, "The body must be an object with a text");
	}

	@Test
	void rejectsMalformedJson() {
		assertProblem(post("{\"text\": "), 400, "The body is not valid JSON");
	}

	@Test
	void rejectsAnEmptyBody() {
		assertProblem(post(""), 400, "The request has no body");
	}

	@Test
	void rejectsOtherContentTypesWith415() {
		MvcTestResult result = this.mvc.post()
			.uri(PATH)
			.header("X-API-Key", KEY)
			.contentType(MediaType.TEXT_PLAIN)
			.content("I love it")
			.exchange();

		assertThat(result).hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(body(result).get("status").intValue()).isEqualTo(415);
	}

	@Test
	void requiresAnApiKey() {
		MvcTestResult result = this.mvc.post()
			.uri(PATH)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"text\": \"hi\"}")
			.exchange();

		assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(body(result).get("title").stringValue()).isEqualTo("Missing API key");
	}

	@Test
	void rejectsAWrongApiKey() {
		MvcTestResult result = this.mvc.post()
			.uri(PATH)
			.header("X-API-Key", "wrong-key-0123456789")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"text\": \"hi\"}")
			.exchange();

		assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	private MvcTestResult post(String body) {
		return post(PATH, body);
	}

	private MvcTestResult post(String uri, String body) {
		return this.mvc.post()
			.uri(uri)
			.header("X-API-Key", KEY)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

	private JsonNode body(MvcTestResult result) {
		return this.json.readTree(result.getResponse().getContentAsByteArray());
	}

	private void assertProblem(MvcTestResult result, int status, String detail) {
		assertThat(result).hasStatus(status).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		JsonNode problem = body(result);
		assertThat(problem.get("status").intValue()).isEqualTo(status);
		assertThat(problem.get("detail").stringValue()).contains(detail);
	}

	private static void assertResultOf(String text, JsonNode result) {
		SentimentScore expected = engine.score(text);
		assertThat(result.get("compound").doubleValue()).isEqualTo(expected.compound());
		assertThat(result.get("positive").doubleValue()).isEqualTo(expected.positive());
		assertThat(result.get("neutral").doubleValue()).isEqualTo(expected.neutral());
		assertThat(result.get("negative").doubleValue()).isEqualTo(expected.negative());
		assertThat(result.get("label").stringValue()).isEqualTo(expected.label().name().toLowerCase());
		assertThat(result.get("engineVersion").stringValue()).isEqualTo(engine.version());
	}

	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SentimentProperties.class)
	static class Engine {

		@Bean
		SentimentEngine sentimentEngine() {
			return engine;
		}

	}

}
