package tributary.ingest.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import tributary.ingest.publishing.RecordingPublisher;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Base of the ingest endpoints' slice tests: each starts with an empty
 * {@link RecordingPublisher} and ends by checking that every record it published follows
 * its topic's schema.
 */
public abstract class IngestSliceTests {

	@Autowired
	protected MockMvc mvc;

	@Autowired
	protected RecordingPublisher publisher;

	@BeforeEach
	void resetPublisher() {
		this.publisher.reset();
	}

	@AfterEach
	void everyPublishedRecordFollowsItsSchema() {
		this.publisher.assertContractsHeld();
	}

	/**
	 * POSTs a body with the tests' API key.
	 * @param path the endpoint
	 * @param contentType the body's type
	 * @param body the body
	 * @return the result to assert on
	 * @throws Exception if the request cannot be performed
	 */
	protected ResultActions submit(String path, MediaType contentType, String body) throws Exception {
		return this.mvc
			.perform(post(path).contentType(contentType).header("X-API-Key", IngestSlice.API_KEY).content(body));
	}

}
