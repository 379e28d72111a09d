package tributary.support.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.cors.CorsUtils;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Lets a request reach a protected handler only with a valid {@code X-API-Key} header.
 *
 * <p>
 * It runs before the handler reads the body, so an unauthenticated request is turned away
 * without parsing anything. The matched key's index is left in the request attribute
 * {@link #KEY_ATTRIBUTE} for rate limiting and metrics. A CORS preflight passes: browsers
 * never send credentials with one, and it reaches no handler (the CORS configuration
 * answers it), so a service that allows cross-origin calls can be called at all.
 */
public class ApiKeyInterceptor implements HandlerInterceptor {

	/** The header that carries the key. */
	public static final String HEADER = "X-API-Key";

	/** The request attribute that holds the index of the matched key. */
	public static final String KEY_ATTRIBUTE = ApiKeyInterceptor.class.getName() + ".key";

	private final ApiKeys keys;

	public ApiKeyInterceptor(ApiKeys keys) {
		this.keys = keys;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (CorsUtils.isPreFlightRequest(request)) {
			return true;
		}
		String presented = request.getHeader(HEADER);
		int key = this.keys.match(presented).orElseThrow(() -> new InvalidApiKey(presented != null));
		request.setAttribute(KEY_ATTRIBUTE, key);
		return true;
	}

}
