package tributary.support.security;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ApiKeyInterceptorTests {

	private final ApiKeyInterceptor interceptor = new ApiKeyInterceptor(
			new ApiKeys(List.of("first-key-0123456789", "second-key-0123456789")));

	@Test
	void recordsWhichKeyMatched() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/things");
		request.addHeader(ApiKeyInterceptor.HEADER, "second-key-0123456789");
		assertThat(this.interceptor.preHandle(request, new MockHttpServletResponse(), new Object())).isTrue();
		assertThat(request.getAttribute(ApiKeyInterceptor.KEY_ATTRIBUTE)).isEqualTo(1);
	}

	@Test
	void refusesARequestWithoutAKey() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/things");
		assertThatExceptionOfType(InvalidApiKey.class)
			.isThrownBy(() -> this.interceptor.preHandle(request, new MockHttpServletResponse(), new Object()));
	}

	@Test
	void letsACorsPreflightThroughWithoutAKey() {
		MockHttpServletRequest request = new MockHttpServletRequest("OPTIONS", "/api/things");
		request.addHeader("Origin", "https://app.example.com");
		request.addHeader("Access-Control-Request-Method", "POST");
		assertThat(this.interceptor.preHandle(request, new MockHttpServletResponse(), new Object())).isTrue();
		assertThat(request.getAttribute(ApiKeyInterceptor.KEY_ATTRIBUTE)).isNull();
	}

	@Test
	void doesNotTakeAnOptionsRequestWithoutCorsHeadersForAPreflight() {
		MockHttpServletRequest request = new MockHttpServletRequest("OPTIONS", "/api/things");
		assertThatExceptionOfType(InvalidApiKey.class)
			.isThrownBy(() -> this.interceptor.preHandle(request, new MockHttpServletResponse(), new Object()));
	}

}
