package tributary.ingest.social;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tributary.ingest.web.IngestSlice;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class CrossOriginTests {

	static ResultActions preflight(MockMvc mvc, String origin) throws Exception {
		return mvc.perform(options(PostController.PATH).header("Origin", origin)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "content-type,x-api-key"));
	}

	@Nested
	@WebMvcTest(PostController.class)
	@Import(IngestSlice.class)
	class OffByDefault {

		@Autowired
		MockMvc mvc;

		@Test
		void grantsNoOriginAccess() throws Exception {
			preflight(this.mvc, "https://app.example.com")
				.andExpect(header().doesNotExist("Access-Control-Allow-Origin"));
		}

	}

	@Nested
	@WebMvcTest(value = PostController.class,
			properties = "tributary.ingest.cors.allowed-origins=https://app.example.com")
	@Import(IngestSlice.class)
	class Configured {

		@Autowired
		MockMvc mvc;

		@Test
		void answersAPreflightFromAnAllowedOriginWithoutAnApiKey() throws Exception {
			preflight(this.mvc, "https://app.example.com").andExpect(status().isOk())
				.andExpect(header().string("Access-Control-Allow-Origin", "https://app.example.com"))
				.andExpect(header().string("Access-Control-Allow-Methods", "GET,POST"))
				.andExpect(header().string("Access-Control-Max-Age", "1800"));
		}

		@Test
		void refusesOtherOrigins() throws Exception {
			preflight(this.mvc, "https://evil.example.com").andExpect(status().isForbidden())
				.andExpect(header().doesNotExist("Access-Control-Allow-Origin"));
		}

	}

}
