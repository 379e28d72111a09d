package tributary.ingest.social;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tributary.ingest.web.IngestSlice;
import tributary.ingest.web.IngestSliceTests;
import tributary.ingest.publishing.RecordingPublisher.Sent;

import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static tributary.ingest.events.Json.quoted;
import static tributary.ingest.events.Json.repeatedStrings;
import static tributary.ingest.events.Json.with;

@WebMvcTest(PostController.class)
@Import(IngestSlice.class)
class PostIngestTests extends IngestSliceTests {

	static final String VALID = """
			{"platform":"twitter","author":"ada_l","text":"The new headphones are sooo good","createdAt":"2025-06-01T12:00:00Z"}""";

	@Test
	void publishesAPostKeyedByAuthorWithHeadersAGeneratedIdAndIngestedAt() throws Exception {
		Instant before = Instant.now().minusMillis(1);
		String body = """
				{"platform":" twitter ","author":"  ada_l ","text":"  Loving it\\n","createdAt":"2025-06-01T14:00:00+02:00",
				 "lang":"en","hashtags":[" blessed "],"campaign":{"name":"black-friday"},"ingestedAt":"1999-01-01T00:00:00Z"}""";
		send(body).andExpect(status().isAccepted())
			.andExpect(jsonPath("$.topic").value("social_media"))
			.andExpect(jsonPath("$.partition").isNumber())
			.andExpect(jsonPath("$.offset").isNumber())
			.andExpect(jsonPath("$.id").isString());
		assertThat(this.publisher.sent()).singleElement().satisfies((sent) -> {
			assertThat(sent.topic()).isEqualTo("social_media");
			assertThat(sent.key()).isEqualTo("ada_l");
			assertThat(sent.headers()).containsEntry("event-type", "post").containsEntry("schema-version", "1");
			assertThat(UUID.fromString(sent.value().get("id").stringValue())).isNotNull();
			assertThat(sent.value().get("platform").stringValue()).isEqualTo("twitter");
			assertThat(sent.value().get("text").stringValue()).isEqualTo("Loving it");
			assertThat(sent.value().get("createdAt").stringValue()).isEqualTo("2025-06-01T12:00:00Z");
			assertThat(sent.value().get("hashtags").get(0).stringValue()).isEqualTo("blessed");
			assertThat(sent.value().get("campaign").get("name").stringValue()).isEqualTo("black-friday");
			assertThat(Instant.parse(sent.value().get("ingestedAt").stringValue())).isAfter(before)
				.isBeforeOrEqualTo(Instant.now());
			assertThat(sent.value().propertyNames()).first().isEqualTo("id");
		});
	}

	@Test
	void answersWithTheIdTheClientGave() throws Exception {
		send(with(VALID, "id", quoted(" post-42 "))).andExpect(status().isAccepted())
			.andExpect(jsonPath("$.id").value("post-42"));
		assertThat(this.publisher.sent()).singleElement()
			.extracting((sent) -> sent.value().get("id").stringValue())
			.isEqualTo("post-42");
	}

	@Test
	void treatsABlankOptionalTextAsAbsent() throws Exception {
		send(with(with(VALID, "lang", quoted("   ")), "id", quoted(" "))).andExpect(status().isAccepted());
		Sent sent = this.publisher.sent().get(0);
		assertThat(sent.value().get("lang").isNull()).isTrue();
		assertThat(sent.value().get("id").stringValue()).hasSize(36);
	}

	@ParameterizedTest(name = "{0} = {1}")
	@MethodSource("invalidFields")
	void refusesAnInvalidFieldAndNamesIt(String field, String rawValue, String message) throws Exception {
		send(with(VALID, field, rawValue)).andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Invalid event"))
			.andExpect(jsonPath("$.status").value(400))
			.andExpect(jsonPath("$.errors", hasSize(1)))
			.andExpect(jsonPath("$.errors[0].field")
				.value(field.equals("hashtags") ? containsString("hashtags") : containsString(field)))
			.andExpect(jsonPath("$.errors[0].message").value(containsString(message)))
			.andExpect(jsonPath("$.detail").value(containsString(message)));
		assertThat(this.publisher.sent()).isEmpty();
	}

	static Stream<Arguments> invalidFields() {
		return Stream.of(Arguments.of("id", quoted("i".repeat(129)), "at most 128 characters"),
				Arguments.of("id", "7", "must be a string, not a number"),
				Arguments.of("platform", quoted("Twitter"), "must match ^[a-z0-9_-]{1,32}$"),
				Arguments.of("platform", quoted("x".repeat(33)), "at most 32 characters"),
				Arguments.of("platform", quoted("  "), "must not be blank"),
				Arguments.of("platform", "null", "is required"),
				Arguments.of("author", quoted("a".repeat(129)), "at most 128 characters long but has 129"),
				Arguments.of("author", "[\"ada\"]", "must be a string, not an array"),
				Arguments.of("text", quoted("t".repeat(10_001)), "at most 10000 characters"),
				Arguments.of("text", quoted(""), "must not be blank"),
				Arguments.of("createdAt", quoted("yesterday"), "must be an ISO-8601 date-time with an offset"),
				Arguments.of("createdAt", quoted("2025-06-01T12:00:00"), "must be an ISO-8601 date-time"),
				Arguments.of("createdAt", "1748779200", "must be a string, not a number"),
				Arguments.of("createdAt", quoted(Instant.now().plus(Duration.ofHours(25)).toString()),
						"must not be more than 24 hours in the future"),
				Arguments.of("createdAt", quoted("1899-12-31T23:59:59Z"), "must not be before 1900-01-01T00:00:00Z"),
				Arguments.of("lang", quoted("l".repeat(36)), "at most 35 characters"),
				Arguments.of("location", quoted("l".repeat(129)), "at most 128 characters"),
				Arguments.of("productId", quoted("p".repeat(129)), "at most 128 characters"),
				Arguments.of("productId", "true", "must be a string, not a boolean"),
				Arguments.of("hashtags", repeatedStrings("tag", 51), "at most 50 items but has 51"),
				Arguments.of("hashtags", quoted("blessed"), "must be an array of strings"),
				Arguments.of("hashtags", "[\"ok\", \" \"]", "must not be blank"),
				Arguments.of("hashtags", "[\"ok\", 3]", "must be a string, not a number"),
				Arguments.of("hashtags", "[" + quoted("h".repeat(141)) + "]", "at most 140 characters"));
	}

	@ParameterizedTest(name = "{0} = {1}")
	@MethodSource("requiredFields")
	void refusesAPostWithoutARequiredField(String field) throws Exception {
		send(with(VALID, field, null)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value(field))
			.andExpect(jsonPath("$.errors[0].message").value("is required"))
			.andExpect(jsonPath("$.detail").value(field + " is required"));
		assertThat(this.publisher.sent()).isEmpty();
	}

	static Stream<String> requiredFields() {
		return Stream.of("platform", "author", "text", "createdAt");
	}

	@ParameterizedTest(name = "{0} = {1}")
	@MethodSource("boundaryValues")
	void acceptsValuesAtTheBounds(String field, String rawValue) throws Exception {
		send(with(VALID, field, rawValue)).andExpect(status().isAccepted());
		assertThat(this.publisher.sent()).hasSize(1);
	}

	static Stream<Arguments> boundaryValues() {
		return Stream.of(Arguments.of("id", quoted("i".repeat(128))), Arguments.of("platform", quoted("x".repeat(32))),
				Arguments.of("platform", quoted("mastodon_social-2")), Arguments.of("author", quoted("a".repeat(128))),
				// Characters, not UTF-16 units: 10,000 emoji are 20,000 chars in Java.
				Arguments.of("text", quoted("\uD83D\uDD25".repeat(10_000))),
				Arguments.of("createdAt", quoted(Instant.now().plus(Duration.ofHours(23)).toString())),
				Arguments.of("createdAt", quoted("1900-01-01T00:00:00Z")),
				Arguments.of("createdAt", quoted("2025-06-01T12:00:00.123456789-05:30")),
				Arguments.of("lang", quoted("l".repeat(35))), Arguments.of("lang", "null"),
				Arguments.of("location", quoted("l".repeat(128))), Arguments.of("productId", "null"),
				Arguments.of("hashtags", repeatedStrings("h".repeat(140), 50)), Arguments.of("hashtags", "[]"));
	}

	@Test
	void namesEveryInvalidFieldAtOnce() throws Exception {
		String post = with(with(with(VALID, "platform", quoted("X")), "text", null), "hashtags", "[\"a\",\"\",\"\"]");
		send(post).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors", hasSize(4)))
			.andExpect(jsonPath("$.errors[*].field")
				.value(org.hamcrest.Matchers.contains("platform", "text", "hashtags[1]", "hashtags[2]")))
			.andExpect(jsonPath("$.detail").value("4 fields are invalid: platform, text, hashtags[1], hashtags[2]"));
	}

	private ResultActions send(String json) throws Exception {
		return submit(PostController.PATH, MediaType.APPLICATION_JSON, json);
	}

}
