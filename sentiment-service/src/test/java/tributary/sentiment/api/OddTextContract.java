package tributary.sentiment.api;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tributary.sentiment.engine.SentimentScorer;
import tributary.support.security.SecurityConfiguration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Odd text through the API gets a score or a clear 4xx, never a 5xx nor a stall, from
 * every scorer: each subclass supplies one. The text limit is raised to 200,000 chars, as
 * an operator may, so that the scorer itself meets 100 KB and a word repeated 10,000
 * times; with the default limit of 10,000 they are a 400 that names the limit.
 */
@WebMvcTest(controllers = ScoreController.class,
		properties = { "tributary.sentiment.api.max-text-length=200000", "tributary.sentiment.api.max-body-size=1MB" })
@ImportAutoConfiguration(SecurityConfiguration.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class OddTextContract {

	private static final String KEY = "test-api-key-0123456789";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	SentimentScorer scorer;

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "\u0000", "🔥🔥🔥😡", "👍🏽", "🏳️‍🌈", "東京の新しいカフェは最高です",
			"Это ужасно, я ненавижу это", "هذا رائع جدا", "שלום עולם", "ไม่ดีเลย", "e\u0301\u0301\u0301",
			"\u202Egood\u202C", "\uFEFFbad", "!!!!!!!!!!!!!!!!!!!!????", ":) :( :D <3 </3", "http://x.y/z @who #tag",
			"&lt;3 &amp;&amp;&amp; &#128512; &#xD800;", "GOOD good GoOd gOoD", "\t\n\r" })
	void scoresOddText(String text) {
		assertScored(text);
	}

	@Test
	void scoresLoneSurrogatesAsWritten() {
		// JSON escapes can carry half a surrogate pair; the API scores what it was given.
		for (String escaped : new String[] { "\\ud83d", "\\ude00 good", "good \\ud83d\\ud83d bad", "\\udfff\\ud800" }) {
			MvcTestResult result = post("{\"text\": \"" + escaped + "\"}", true);
			assertThat(result).as(escaped).hasStatusOk();
			assertValid(body(result));
		}
	}

	@Test
	void scores100KilobytesOfText() {
		StringBuilder text = new StringBuilder();
		String[] words = { "great", "phone", "but", "the", "battery", "is", "awful", "😡", "not", "bad", "at", "all" };
		for (int i = 0; text.length() < 100_000; i++) {
			text.append(words[i % words.length]).append(' ');
		}
		assertScored(text.toString());
	}

	@Test
	void scoresTheSameWordTenThousandTimes() {
		assertScored("good ".repeat(10_000));
		assertScored("awful".repeat(10_000));
		assertScored("😡".repeat(10_000));
	}

	@Test
	void scoresAHundredKilobytesWithoutAnySpace() {
		assertScored("a".repeat(100_000));
	}

	private void assertScored(String text) {
		String body = this.json.writeValueAsString(java.util.Map.of("text", text));
		for (boolean explain : new boolean[] { false, true }) {
			MvcTestResult result = post(body, explain);
			assertThat(result).as("%.40s, explain %s", text, explain).hasStatusOk();
			JsonNode answer = body(result);
			assertValid(answer);
			assertThat(answer.get("engineVersion").stringValue()).isEqualTo(this.scorer.version());
			assertThat(answer.get("label").stringValue())
				.isEqualTo(this.scorer.score(text).label().name().toLowerCase(java.util.Locale.ROOT));
		}
	}

	private static void assertValid(JsonNode answer) {
		assertThat(answer.get("compound").doubleValue()).isBetween(-1.0, 1.0);
		for (String share : new String[] { "positive", "neutral", "negative" }) {
			assertThat(answer.get(share).doubleValue()).as(share).isBetween(0.0, 1.0);
		}
		assertThat(answer.get("label").stringValue()).isIn("positive", "neutral", "negative");
		if (answer.has("explanation")) {
			assertThat(answer.get("explanation").size()).isLessThanOrEqualTo(ScoreController.EXPLAIN_LIMIT);
		}
	}

	private MvcTestResult post(String body, boolean explain) {
		return this.mvc.post()
			.uri("/api/v1/sentiment/score?explain=" + explain)
			.header("X-API-Key", KEY)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

	private JsonNode body(MvcTestResult result) {
		return this.json.readTree(result.getResponse().getContentAsByteArray());
	}

}
