package tributary.warehouse.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import tributary.support.security.ApiKeyInterceptor;

import org.springframework.boot.info.BuildProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs}, which is public; the API it describes
 * needs a key.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	private static final String API_KEY = "apiKey";

	@Bean
	OpenAPI warehouseApi(ObjectProvider<BuildProperties> build) {
		BuildProperties properties = build.getIfAvailable();
		return new OpenAPI()
			.info(new Info().title("Tributary warehouse")
				.description("Raw events and exact aggregates of posts, weather readings, feedback and sentiment")
				.version((properties != null) ? properties.getVersion() : "dev"))
			.components(new Components().addSecuritySchemes(API_KEY,
					new SecurityScheme().type(SecurityScheme.Type.APIKEY)
						.in(SecurityScheme.In.HEADER)
						.name(ApiKeyInterceptor.HEADER)))
			.addSecurityItem(new SecurityRequirement().addList(API_KEY));
	}

}
