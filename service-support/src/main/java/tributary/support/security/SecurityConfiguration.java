package tributary.support.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Guards every service's {@code /api/**} endpoints with the configured API keys. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
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

}
