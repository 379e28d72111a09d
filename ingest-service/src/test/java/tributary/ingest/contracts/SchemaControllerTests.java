package tributary.ingest.contracts;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tributary.ingest.web.IngestSlice;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(properties = "tributary.topics.social-media=posts_renamed")
@Import({ IngestSlice.class, ContractSchemas.class })
class SchemaControllerTests {

	@Autowired
	MockMvc mvc;

	@ParameterizedTest
	@ValueSource(strings = { "social_media", "weather_data", "customer_feedback" })
	void servesTheSchemaOfEachTopicItWrites(String topic) throws Exception {
		this.mvc.perform(get("/api/v1/schemas/" + topic).header("X-API-Key", IngestSlice.API_KEY))
			.andExpect(status().isOk())
			.andExpect(content().contentType("application/schema+json"))
			.andExpect(jsonPath("$.$id").value("https://tributary.dev/schemas/" + topic + "/v1"))
			.andExpect(jsonPath("$.required").isArray());
	}

	@Test
	void servesASchemaUnderTheConfiguredTopicNameToo() throws Exception {
		this.mvc.perform(get("/api/v1/schemas/posts_renamed").header("X-API-Key", IngestSlice.API_KEY))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.$id").value("https://tributary.dev/schemas/social_media/v1"));
	}

	@Test
	void answers404ForATopicItDoesNotWrite() throws Exception {
		this.mvc.perform(get("/api/v1/schemas/customer_sentiment").header("X-API-Key", IngestSlice.API_KEY))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Unknown topic"))
			.andExpect(jsonPath("$.detail").value(containsString("weather_data")));
	}

	@Test
	void needsAnApiKey() throws Exception {
		this.mvc.perform(get("/api/v1/schemas/social_media")).andExpect(status().isUnauthorized());
	}

}
