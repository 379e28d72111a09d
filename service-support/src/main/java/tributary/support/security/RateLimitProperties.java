package tributary.support.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * An optional limit on how many requests each API key may make to the protected paths.
 *
 * @param enabled whether requests are limited at all (off by default)
 * @param requestsPerSecond the sustained rate each key may use
 * @param burst how many requests a key that was idle may make at once
 */
@ConfigurationProperties("tributary.security.rate-limit")
public record RateLimitProperties(@DefaultValue("false") boolean enabled, @DefaultValue("100") double requestsPerSecond,
		@DefaultValue("200") int burst) {

	public RateLimitProperties {
		if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
			throw new IllegalArgumentException(
					"tributary.security.rate-limit.requests-per-second must be positive but was " + requestsPerSecond);
		}
		if (burst < 1) {
			throw new IllegalArgumentException(
					"tributary.security.rate-limit.burst must be at least 1 but was " + burst);
		}
	}

}
