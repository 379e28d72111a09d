package tributary.support.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Guards every service's {@code /api/**} endpoints with the configured API keys and, if
 * enabled, a rate limit per key.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({ SecurityProperties.class, RateLimitProperties.class })
public class SecurityConfiguration {

	@Bean
	ApiKeys apiKeys(SecurityProperties properties) {
		return new ApiKeys(properties.apiKeys());
	}

	@Bean
	ApiKeyInterceptor apiKeyInterceptor(ApiKeys apiKeys) {
		return new ApiKeyInterceptor(apiKeys);
	}

	@Bean
	WebMvcConfigurer apiKeyProtection(ApiKeyInterceptor interceptor, SecurityProperties properties) {
		return new WebMvcConfigurer() {
			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(interceptor).addPathPatterns(properties.protectedPaths());
			}
		};
	}

	@Bean
	@ConditionalOnBooleanProperty("tributary.security.rate-limit.enabled")
	RateLimitInterceptor rateLimitInterceptor(RateLimitProperties properties) {
		return new RateLimitInterceptor(RateLimiter.of(properties));
	}

	@Bean
	@ConditionalOnBooleanProperty("tributary.security.rate-limit.enabled")
	WebMvcConfigurer rateLimiting(RateLimitInterceptor interceptor, SecurityProperties properties) {
		return new WebMvcConfigurer() {
			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				// After the API-key interceptor (order 0), whose matched key it limits.
				registry.addInterceptor(interceptor).addPathPatterns(properties.protectedPaths()).order(1);
			}
		};
	}

}
