package tributary.ingest.system;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import tributary.support.security.ApiKeyInterceptor;

/**
 * Lets browser apps on the configured origins call {@code /api/**}; with no origin
 * configured (the default) browsers keep the same-origin rule.
 */
@Component
class CrossOriginAccess implements WebMvcConfigurer {

	private final IngestProperties.Cors cors;

	CrossOriginAccess(IngestProperties properties) {
		this.cors = properties.cors();
	}

	@Override
	public void addCorsMappings(CorsRegistry registry) {
		if (this.cors.enabled()) {
			registry.addMapping("/api/**")
				.allowedOrigins(this.cors.allowedOrigins().toArray(String[]::new))
				.allowedMethods("GET", "POST")
				.allowedHeaders(HttpHeaders.CONTENT_TYPE, ApiKeyInterceptor.HEADER)
				.exposedHeaders(HttpHeaders.RETRY_AFTER)
				.maxAge(this.cors.maxAge().toSeconds());
		}
	}

}
