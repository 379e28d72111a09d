package tributary.ingest.feedback;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tributary.ingest.web.IngestSlice;
import tributary.ingest.web.IngestSliceTests;

import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static tributary.ingest.events.Json.quoted;
import static tributary.ingest.events.Json.with;

@WebMvcTest(FeedbackController.class)
@Import(IngestSlice.class)
class FeedbackIngestTests extends IngestSliceTests {

	static final String VALID = """
			{"customerId":"c-1001","rating":5,"submittedAt":"2025-06-01T11:30:00Z"}""";

	@Test
	void publishesFeedbackKeyedByCustomer() throws Exception {
		String feedback = """
				{"customerId":"c-1001","rating":4.0,"submittedAt":"2025-06-01T11:30:00Z","productId":"hp-200",
				 "orderId":"o-778","comment":"  Great sound, fast delivery. ","channel":"web","location":"Berlin"}""";
		send(feedback).andExpect(status().isAccepted()).andExpect(jsonPath("$.topic").value("customer_feedback"));
		assertThat(this.publisher.sent()).singleElement().satisfies((sent) -> {
			assertThat(sent.key()).isEqualTo("c-1001");
			assertThat(sent.headers()).containsEntry("event-type", "feedback").containsEntry("schema-version", "1");
			assertThat(sent.value().get("rating").isIntegralNumber()).isTrue();
			assertThat(sent.value().get("rating").intValue()).isEqualTo(4);
			assertThat(sent.value().get("comment").stringValue()).isEqualTo("Great sound, fast delivery.");
		});
	}

	@ParameterizedTest(name = "{0} = {1}")
	@MethodSource("invalidFields")
	void refusesAnInvalidFieldAndNamesIt(String field, String rawValue, String message) throws Exception {
		send(with(VALID, field, rawValue)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Invalid event"))
			.andExpect(jsonPath("$.errors", hasSize(1)))
			.andExpect(jsonPath("$.errors[0].field").value(field))
			.andExpect(jsonPath("$.errors[0].message").value(containsString(message)));
		assertThat(this.publisher.sent()).isEmpty();
	}

	static Stream<Arguments> invalidFields() {
		return Stream.of(Arguments.of("customerId", null, "is required"),
				Arguments.of("customerId", quoted("c".repeat(129)), "at most 128 characters"),
				Arguments.of("rating", null, "is required"), Arguments.of("rating", "0", "must be at least 1"),
				Arguments.of("rating", "6", "must be at most 5"),
				Arguments.of("rating", "4.5", "must be an integer, not 4.5"),
				Arguments.of("rating", quoted("5"), "must be an integer, not a string"),
				Arguments.of("submittedAt", null, "is required"),
				Arguments.of("submittedAt", quoted("2025-06-01"), "must be an ISO-8601 date-time"),
				Arguments.of("productId", quoted("p".repeat(129)), "at most 128 characters"),
				Arguments.of("orderId", quoted("o".repeat(129)), "at most 128 characters"),
				Arguments.of("comment", quoted("c".repeat(5_001)), "at most 5000 characters"),
				Arguments.of("channel", quoted("c".repeat(65)), "at most 64 characters"),
				Arguments.of("location", quoted("l".repeat(129)), "at most 128 characters"));
	}

	@ParameterizedTest(name = "{0} = {1}")
	@MethodSource("boundaryValues")
	void acceptsValuesAtTheBounds(String field, String rawValue) throws Exception {
		send(with(VALID, field, rawValue)).andExpect(status().isAccepted());
		assertThat(this.publisher.sent()).hasSize(1);
	}

	static Stream<Arguments> boundaryValues() {
		return Stream.of(Arguments.of("rating", "1"), Arguments.of("rating", "5"), Arguments.of("rating", "5.0"),
				Arguments.of("comment", quoted("c".repeat(5_000))), Arguments.of("comment", "null"),
				Arguments.of("channel", quoted("c".repeat(64))), Arguments.of("orderId", quoted("o".repeat(128))));
	}

	private ResultActions send(String json) throws Exception {
		return submit(FeedbackController.PATH, MediaType.APPLICATION_JSON, json);
	}

}
