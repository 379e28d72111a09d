package tributary.ingest.social;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;
import tributary.ingest.web.IngestSlice;
import tributary.ingest.web.IngestSliceTests;
import tributary.ingest.publishing.RecordingPublisher;
import tributary.ingest.publishing.RecordingPublisher.Sent;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static tributary.ingest.events.Json.quoted;
import static tributary.ingest.events.Json.with;

/**
 * How the ingest endpoints take batches and NDJSON and answer every error, shown on the
 * posts endpoint (all three share the code).
 */
@WebMvcTest(value = PostController.class,
		properties = { "tributary.ingest.max-body-size=4KB", "tributary.ingest.max-batch-items=5" })
@Import(IngestSlice.class)
class SubmissionTests extends IngestSliceTests {

	static final String GOOD = PostIngestTests.VALID;

	static final String BAD = with(GOOD, "text", null);

	static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

	static final String UUID_V7 = "[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

	@Autowired
	MeterRegistry meters;

	@Test
	void publishesEveryItemOfAValidBatchAndReportsEach() throws Exception {
		send(MediaType.APPLICATION_JSON,
				"[" + with(GOOD, "id", quoted("a")) + "," + with(GOOD, "id", quoted("b")) + "]")
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.topic").value("social_media"))
			.andExpect(jsonPath("$.accepted").value(2))
			.andExpect(jsonPath("$.rejected").value(0))
			.andExpect(jsonPath("$.failed").value(0))
			.andExpect(jsonPath("$.items[0].index").value(0))
			.andExpect(jsonPath("$.items[0].id").value("a"))
			.andExpect(jsonPath("$.items[0].partition").isNumber())
			.andExpect(jsonPath("$.items[0].offset").isNumber())
			.andExpect(jsonPath("$.items[0].problem").doesNotExist())
			.andExpect(jsonPath("$.items[1].id").value("b"));
		assertThat(this.publisher.sent()).extracting((sent) -> sent.value().get("id").stringValue())
			.containsExactly("a", "b");
	}

	@Test
	void publishesTheValidItemsOfAMixedBatchAndAnswers207() throws Exception {
		send(MediaType.APPLICATION_JSON, "[" + GOOD + "," + BAD + ",42," + GOOD + "]")
			.andExpect(status().isMultiStatus())
			.andExpect(jsonPath("$.accepted").value(2))
			.andExpect(jsonPath("$.rejected").value(2))
			.andExpect(jsonPath("$.items", hasSize(4)))
			.andExpect(jsonPath("$.items[0].offset").isNumber())
			.andExpect(jsonPath("$.items[1].index").value(1))
			.andExpect(jsonPath("$.items[1].offset").doesNotExist())
			.andExpect(jsonPath("$.items[1].problem.status").value(400))
			.andExpect(jsonPath("$.items[1].problem.title").value("Invalid event"))
			.andExpect(jsonPath("$.items[1].problem.errors[0].field").value("text"))
			.andExpect(jsonPath("$.items[2].problem.detail").value("The event must be a JSON object, not a number"))
			.andExpect(jsonPath("$.items[3].offset").isNumber());
		assertThat(this.publisher.sent()).hasSize(2);
		assertThat(count("accepted")).isEqualTo(2);
		assertThat(count("rejected")).isEqualTo(2);
	}

	@Test
	void timesEveryAcknowledgedEventWithTheTimeThePublisherReported() throws Exception {
		Timer timer = this.meters.get("tributary.ingest.publish").tag("topic", "social_media").timer();
		long before = timer.count();
		double nanosBefore = timer.totalTime(TimeUnit.NANOSECONDS);
		send(MediaType.APPLICATION_JSON, "[" + GOOD + "," + BAD + "," + GOOD + "]").andExpect(status().isMultiStatus());
		send(MediaType.APPLICATION_JSON, GOOD).andExpect(status().isAccepted());
		assertThat(timer.count() - before).isEqualTo(3);
		assertThat(timer.totalTime(TimeUnit.NANOSECONDS) - nanosBefore)
			.isEqualTo(3.0 * RecordingPublisher.ACKNOWLEDGED_IN_NANOS);
	}

	@Test
	void answers400WithEveryItemsProblemsWhenNoItemIsValid() throws Exception {
		send(MediaType.APPLICATION_JSON, "[" + BAD + "," + with(GOOD, "author", null) + "]")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Invalid events"))
			.andExpect(jsonPath("$.items[0].problem.errors[0].field").value("text"))
			.andExpect(jsonPath("$.items[1].problem.errors[0].field").value("author"));
		assertThat(this.publisher.sent()).isEmpty();
	}

	@Test
	void reportsItemsTheBrokerDidNotTakeAsFailedWithTheirIds() throws Exception {
		this.publisher.failKey("unlucky");
		double failed = count("failed");
		send(MediaType.APPLICATION_JSON,
				"[" + GOOD + "," + with(with(GOOD, "author", quoted("unlucky")), "id", quoted("u-1")) + "]")
			.andExpect(status().isMultiStatus())
			.andExpect(jsonPath("$.accepted").value(1))
			.andExpect(jsonPath("$.failed").value(1))
			.andExpect(jsonPath("$.items[1].id").value("u-1"))
			.andExpect(jsonPath("$.items[1].problem.status").value(503))
			.andExpect(jsonPath("$.items[1].problem.title").value("Broker unavailable"))
			.andExpect(header().string("Retry-After", "5"));
		assertThat(count("failed")).isEqualTo(failed + 1);
	}

	@Test
	void answers503WithRetryAfterWhenTheBrokerTookNothing() throws Exception {
		this.publisher.brokerDown();
		send(MediaType.APPLICATION_JSON, GOOD).andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "5"))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Broker unavailable"))
			.andExpect(jsonPath("$.detail").value(containsString("not published")));
		send(MediaType.APPLICATION_JSON, "[" + GOOD + "," + BAD + "]").andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "5"))
			.andExpect(jsonPath("$.items[0].problem.status").value(503))
			.andExpect(jsonPath("$.items[1].problem.status").value(400));
		send(NDJSON, GOOD + "\n" + GOOD).andExpect(status().isServiceUnavailable());
	}

	@Test
	void answers503WithTheGeneratedIdAndTheRetryWithItIsPublishedOnce() throws Exception {
		this.publisher.brokerDown();
		String body = submit(PostController.PATH, MediaType.APPLICATION_JSON, GOOD)
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "5"))
			.andExpect(jsonPath("$.id").value(matchesPattern(UUID_V7)))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String id = tributary.ingest.events.Json.tree(body).get("id").stringValue();

		this.publisher.brokerBack();
		send(MediaType.APPLICATION_JSON, with(GOOD, "id", quoted(id))).andExpect(status().isAccepted())
			.andExpect(jsonPath("$.id").value(id));
		assertThat(this.publisher.sent()).extracting((sent) -> sent.value().get("id").stringValue())
			.containsExactly(id);
	}

	@Test
	void answers503WithTheClientsOwnId() throws Exception {
		this.publisher.brokerDown();
		send(MediaType.APPLICATION_JSON, with(GOOD, "id", quoted("mine-1"))).andExpect(status().isServiceUnavailable())
			.andExpect(jsonPath("$.id").value("mine-1"));
	}

	@Test
	void answers413WithTheIdForASingleEventTheBrokerRefusesAsTooLarge() throws Exception {
		this.publisher.refuseKey("big", new RecordTooLargeException("The message is 2000000 bytes"));
		send(MediaType.APPLICATION_JSON, with(GOOD, "author", quoted("big"))).andExpect(status().isContentTooLarge())
			.andExpect(header().doesNotExist("Retry-After"))
			.andExpect(jsonPath("$.title").value("Event too large"))
			.andExpect(jsonPath("$.id").value(matchesPattern(UUID_V7)));
		assertThat(count("rejected")).isPositive();
	}

	@Test
	void checksEveryItemOfABatchBeforeSendingTheFirst() throws Exception {
		// Sent in one go, a request's records leave in one produce request instead of
		// being split by the producer's linger expiring while the rest are checked.
		send(MediaType.APPLICATION_JSON, "[" + GOOD + "," + BAD + "," + GOOD + "," + GOOD + "]")
			.andExpect(status().isMultiStatus());
		assertThat(this.publisher.sent()).hasSize(3).extracting(Sent::slotsTaken).containsOnly(3);
	}

	@Test
	void aBatchItemTheBrokerRefusesFailsAloneAndTheOthersAreStillSent() throws Exception {
		this.publisher.refuseKey("big", new RecordTooLargeException("The message is 2000000 bytes"));
		this.publisher.refuseKey("odd", new InvalidRecordException("One or more records have been rejected"));
		double failed = count("failed");
		send(MediaType.APPLICATION_JSON,
				"[" + GOOD + "," + with(with(GOOD, "author", quoted("big")), "id", quoted("b-1")) + ","
						+ with(GOOD, "author", quoted("odd")) + "," + GOOD + "]")
			.andExpect(status().isMultiStatus())
			.andExpect(header().doesNotExist("Retry-After"))
			.andExpect(jsonPath("$.accepted").value(2))
			.andExpect(jsonPath("$.rejected").value(2))
			.andExpect(jsonPath("$.failed").value(0))
			.andExpect(jsonPath("$.items[0].offset").isNumber())
			.andExpect(jsonPath("$.items[1].id").value("b-1"))
			.andExpect(jsonPath("$.items[1].offset").doesNotExist())
			.andExpect(jsonPath("$.items[1].problem.status").value(413))
			.andExpect(jsonPath("$.items[1].problem.title").value("Event too large"))
			.andExpect(jsonPath("$.items[2].problem.status").value(422))
			.andExpect(jsonPath("$.items[2].problem.title").value("Event refused"))
			.andExpect(jsonPath("$.items[3].offset").isNumber());
		assertThat(this.publisher.sent()).extracting(Sent::key).containsExactly("ada_l", "ada_l");
		assertThat(count("failed")).isEqualTo(failed);
	}

	@Test
	void aBatchTheBrokerRefusesEntirelyIs400WithEachItemsProblem() throws Exception {
		this.publisher.refuseKey("big", new RecordTooLargeException("The message is 2000000 bytes"));
		send(MediaType.APPLICATION_JSON, "[" + with(GOOD, "author", quoted("big")) + "," + BAD + "]")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("could be published")))
			.andExpect(jsonPath("$.items[0].problem.status").value(413))
			.andExpect(jsonPath("$.items[0].id").isString())
			.andExpect(jsonPath("$.items[1].problem.status").value(400));
	}

	@Test
	void takesNdjsonOneEventPerLineSkippingBlankLines() throws Exception {
		send(NDJSON, GOOD + "\n\n  \r\n" + with(GOOD, "id", quoted("n-2")) + "\r\n").andExpect(status().isAccepted())
			.andExpect(jsonPath("$.accepted").value(2))
			.andExpect(jsonPath("$.items[0].line").value(1))
			.andExpect(jsonPath("$.items[1].index").value(1))
			.andExpect(jsonPath("$.items[1].line").value(4))
			.andExpect(jsonPath("$.items[1].id").value("n-2"));
		assertThat(this.publisher.sent()).hasSize(2);
	}

	@Test
	void refusesOnlyTheMalformedOrInvalidLinesOfNdjson() throws Exception {
		send(NDJSON, GOOD + "\n{\"platform\": \n" + BAD + "\n[1]\n" + GOOD).andExpect(status().isMultiStatus())
			.andExpect(jsonPath("$.accepted").value(2))
			.andExpect(jsonPath("$.rejected").value(3))
			.andExpect(jsonPath("$.items[1].line").value(2))
			.andExpect(jsonPath("$.items[1].problem.title").value("Malformed JSON"))
			.andExpect(jsonPath("$.items[1].problem.detail").value(startsWith("Line 2 is not valid JSON")))
			.andExpect(jsonPath("$.items[2].problem.errors[0].field").value("text"))
			.andExpect(jsonPath("$.items[3].problem.detail").value(containsString("not an array")));
		assertThat(this.publisher.sent()).hasSize(2);
	}

	@Test
	void answers400NamingWhereJsonIsMalformed() throws Exception {
		send(MediaType.APPLICATION_JSON, "{\"platform\":\"twitter\",\n \"author\" \"ada\"}")
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Malformed JSON"))
			.andExpect(jsonPath("$.detail").value(containsString("line 2, column")))
			.andExpect(jsonPath("$.detail").value(containsString("was expecting a colon")));
		assertThat(this.publisher.sent()).isEmpty();
	}

	@Test
	void refusesDuplicatePropertiesAndTrailingContent() throws Exception {
		send(MediaType.APPLICATION_JSON, with(GOOD, "lang", null).replace("}", ",\"text\":\"again\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("Duplicate Object property \"text\"")));
		send(MediaType.APPLICATION_JSON, GOOD + " " + GOOD).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Malformed JSON"));
		assertThat(this.publisher.sent()).isEmpty();
	}

	@Test
	void refusesBodiesThatHoldNoEvent() throws Exception {
		send(MediaType.APPLICATION_JSON, "  ").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Unusable request body"))
			.andExpect(jsonPath("$.detail").value(containsString("empty")));
		send(MediaType.APPLICATION_JSON, "[]").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("The array holds no events"));
		send(MediaType.APPLICATION_JSON, "\"hello\"").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("not string")));
	}

	@Test
	void answers413ForABodyOverTheLimit() throws Exception {
		String large = with(GOOD, "text", quoted("x".repeat(5000)));
		send(MediaType.APPLICATION_JSON, large).andExpect(status().isContentTooLarge())
			.andExpect(jsonPath("$.title").value("Payload too large"))
			.andExpect(jsonPath("$.maxBytes").value(4096));
		assertThat(this.publisher.sent()).isEmpty();
	}

	@Test
	void answers413ForABatchOverTheLimit() throws Exception {
		String six = "[" + String.join(",", java.util.Collections.nCopies(6, GOOD)) + "]";
		send(MediaType.APPLICATION_JSON, six).andExpect(status().isContentTooLarge())
			.andExpect(jsonPath("$.title").value("Too many items"))
			.andExpect(jsonPath("$.maxItems").value(5));
		send(NDJSON, String.join("\n", java.util.Collections.nCopies(6, GOOD))).andExpect(status().isContentTooLarge());
		assertThat(this.publisher.sent()).isEmpty();
	}

	@Test
	void answers415ForOtherContentTypes() throws Exception {
		send(MediaType.TEXT_PLAIN, GOOD).andExpect(status().isUnsupportedMediaType())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Unsupported media type"))
			.andExpect(jsonPath("$.detail").value(containsString("application/x-ndjson")));
		this.mvc.perform(post(PostController.PATH).header("X-API-Key", IngestSlice.API_KEY).content(GOOD))
			.andExpect(status().isUnsupportedMediaType());
		assertThat(this.publisher.sent()).isEmpty();
	}

	@Test
	void answers401WithoutAValidKeyAndPublishesNothing() throws Exception {
		this.mvc.perform(post(PostController.PATH).contentType(MediaType.APPLICATION_JSON).content(GOOD))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.title").value("Missing API key"))
			.andExpect(header().exists("WWW-Authenticate"));
		this.mvc
			.perform(post(PostController.PATH).contentType(MediaType.APPLICATION_JSON)
				.header("X-API-Key", "not-the-key-0123456789")
				.content(GOOD))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.title").value("Invalid API key"));
		assertThat(this.publisher.sent()).isEmpty();
	}

	@Test
	void countsEventsByTopicAndOutcome() throws Exception {
		double accepted = count("accepted");
		double rejected = count("rejected");
		send(MediaType.APPLICATION_JSON, GOOD).andExpect(status().isAccepted());
		send(MediaType.APPLICATION_JSON, BAD).andExpect(status().isBadRequest());
		assertThat(count("accepted")).isEqualTo(accepted + 1);
		assertThat(count("rejected")).isEqualTo(rejected + 1);
	}

	@Test
	void keepsEachItemsOwnValues() throws Exception {
		send(MediaType.APPLICATION_JSON,
				"[" + with(GOOD, "author", quoted("one")) + "," + with(GOOD, "author", quoted("two")) + "]")
			.andExpect(status().isAccepted());
		assertThat(this.publisher.sent()).extracting(Sent::key).containsExactly("one", "two");
	}

	private double count(String outcome) {
		return this.meters.get("tributary.ingest.events")
			.tag("topic", "social_media")
			.tag("outcome", outcome)
			.counter()
			.count();
	}

	private ResultActions send(MediaType contentType, String body) throws Exception {
		return submit(PostController.PATH, contentType, body);
	}

}
