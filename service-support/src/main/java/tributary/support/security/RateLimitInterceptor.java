package tributary.support.security;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Turns away a request whose API key has used up its allowance, before the handler reads
 * the body. Runs after {@link ApiKeyInterceptor}, whose matched key it limits.
 */
public class RateLimitInterceptor implements HandlerInterceptor {

	private final RateLimiter limiter;

	public RateLimitInterceptor(RateLimiter limiter) {
		this.limiter = limiter;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (request.getAttribute(ApiKeyInterceptor.KEY_ATTRIBUTE) instanceof Integer key) {
			Duration wait = this.limiter.acquire(key);
			if (!wait.isZero()) {
				throw new RateLimitExceeded(wait);
			}
		}
		return true;
	}

}
