package tributary.support.security;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(properties = { "tributary.security.api-keys=first-key-0123456789,second-key-0123456789",
		"spring.mvc.problemdetails.enabled=true" })
class ApiKeyInterceptorTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	EchoController echo;

	@Test
	void acceptsEveryConfiguredKey() throws Exception {
		for (String key : new String[] { "first-key-0123456789", "second-key-0123456789" }) {
			this.mvc.perform(post("/api/echo").header("X-API-Key", key).contentType(MediaType.TEXT_PLAIN).content("hi"))
				.andExpect(status().isOk())
				.andExpect(content().string("hi"));
		}
	}

	@Test
	void answersAMissingKeyWith401ProblemAndAChallenge() throws Exception {
		this.mvc.perform(post("/api/echo").contentType(MediaType.TEXT_PLAIN).content("hi"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", "ApiKey header=\"X-API-Key\""))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Missing API key"))
			.andExpect(jsonPath("$.status").value(401))
			.andExpect(jsonPath("$.detail").value("This endpoint needs an API key in the X-API-Key header"));
	}

	@Test
	void answersAWrongKeyWith401ProblemWithoutReadingTheBody() throws Exception {
		int before = this.echo.calls;

		this.mvc
			.perform(post("/api/echo").header("X-API-Key", "wrong-key-0123456789")
				.contentType(MediaType.TEXT_PLAIN)
				.content("hi"))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.title").value("Invalid API key"));

		org.assertj.core.api.Assertions.assertThat(this.echo.calls).isEqualTo(before);
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration(SecurityConfiguration.class)
	@Import(EchoController.class)
	static class Application {

	}

	@RestController
	static class EchoController {

		int calls;

		@PostMapping("/api/echo")
		String echo(@RequestBody String body) {
			this.calls++;
			return body;
		}

	}

}
