package tributary.sentiment.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import tributary.support.security.ApiKeyInterceptor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs} and its UI at {@code /swagger-ui.html},
 * both public; the scoring endpoint itself needs a key.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	static final String API_KEY = "apiKey";

	@Bean
	OpenApiCustomizer sentimentApiDescription(ObjectProvider<BuildProperties> build) {
		return (openApi) -> {
			openApi.info(new Info().title("Tributary sentiment API")
				.version(build.stream().map(BuildProperties::getVersion).findFirst().orElse("dev"))
				.description("Scores the sentiment of short social text with the engine the stream uses "
						+ "(social_media to customer_sentiment). Every /api endpoint needs an API key in the "
						+ ApiKeyInterceptor.HEADER + " header."));
			Components components = (openApi.getComponents() != null) ? openApi.getComponents() : new Components();
			openApi.components(components.addSecuritySchemes(API_KEY,
					new SecurityScheme().type(SecurityScheme.Type.APIKEY)
						.in(SecurityScheme.In.HEADER)
						.name(ApiKeyInterceptor.HEADER)
						.description("One of the keys in TRIBUTARY_SECURITY_API_KEYS")));
		};
	}

}
