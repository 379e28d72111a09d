package tributary.support.security;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(properties = { "tributary.security.api-keys=first-key-0123456789,second-key-0123456789",
		"tributary.security.rate-limit.enabled=true", "tributary.security.rate-limit.requests-per-second=0.01",
		"tributary.security.rate-limit.burst=2", "spring.mvc.problemdetails.enabled=true" })
class RateLimitInterceptorTests {

	@Autowired
	MockMvc mvc;

	@Test
	void answers429WithRetryAfterOnceAKeyHasUsedItsBurst() throws Exception {
		this.mvc.perform(get("/api/ping").header("X-API-Key", "first-key-0123456789")).andExpect(status().isOk());
		this.mvc.perform(get("/api/ping").header("X-API-Key", "first-key-0123456789")).andExpect(status().isOk());
		this.mvc.perform(get("/api/ping").header("X-API-Key", "first-key-0123456789"))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().string("Retry-After", "100"))
			.andExpect(jsonPath("$.title").value("Rate limit exceeded"))
			.andExpect(jsonPath("$.status").value(429))
			.andExpect(jsonPath("$.retryAfterSeconds").value(100));
		this.mvc.perform(get("/api/ping").header("X-API-Key", "second-key-0123456789")).andExpect(status().isOk());
	}

	@Test
	void checksTheKeyBeforeTheLimit() throws Exception {
		for (int i = 0; i < 3; i++) {
			this.mvc.perform(get("/api/ping").header("X-API-Key", "wrong-key-0123456789"))
				.andExpect(status().isUnauthorized());
		}
	}

	@Test
	void leavesUnprotectedPathsAlone() throws Exception {
		for (int i = 0; i < 3; i++) {
			this.mvc.perform(get("/public")).andExpect(status().isOk());
		}
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration(SecurityConfiguration.class)
	@Import(PingController.class)
	static class Application {

	}

	@RestController
	static class PingController {

		@GetMapping("/api/ping")
		String ping() {
			return "pong";
		}

		@GetMapping("/public")
		String open() {
			return "open";
		}

	}

}
