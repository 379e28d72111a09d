package tributary.support.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the services' APIs.
 *
 * @param apiKeys the accepted keys ({@code TRIBUTARY_SECURITY_API_KEYS},
 * comma-separated); there is no default: a service without keys refuses to start
 * @param protectedPaths the path patterns that require a key
 */
@ConfigurationProperties("tributary.security")
public record SecurityProperties(@DefaultValue List<String> apiKeys,
		@DefaultValue("/api/**") List<String> protectedPaths) {

	static final int MINIMUM_KEY_LENGTH = 16;

	public SecurityProperties {
		apiKeys = apiKeys.stream().map(String::trim).filter((key) -> !key.isEmpty()).toList();
		if (apiKeys.isEmpty()) {
			throw new IllegalArgumentException("No API key is configured. Set TRIBUTARY_SECURITY_API_KEYS "
					+ "(comma-separated) or tributary.security.api-keys; ./tributary up generates one for you.");
		}
		if (apiKeys.stream().anyMatch((key) -> key.length() < MINIMUM_KEY_LENGTH)) {
			throw new IllegalArgumentException("Every API key must have at least " + MINIMUM_KEY_LENGTH
					+ " characters: use a random one, " + "for example the output of 'openssl rand -hex 24'");
		}
	}

}
