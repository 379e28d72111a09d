package tributary.support.security;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitOffByDefaultTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SecurityConfiguration.class))
		.withPropertyValues("tributary.security.api-keys=first-key-0123456789");

	@Test
	void limitsNothingUnlessEnabled() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(ApiKeyInterceptor.class)
			.doesNotHaveBean(RateLimitInterceptor.class));
	}

	@Test
	void limitsWhenEnabled() {
		this.runner.withPropertyValues("tributary.security.rate-limit.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(RateLimitInterceptor.class));
	}

	@Test
	void refusesANonPositiveRate() {
		this.runner
			.withPropertyValues("tributary.security.rate-limit.enabled=true",
					"tributary.security.rate-limit.requests-per-second=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("requests-per-second must be positive"));
	}

}
