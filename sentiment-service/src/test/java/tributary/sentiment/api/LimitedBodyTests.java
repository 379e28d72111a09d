package tributary.sentiment.api;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LimitedBodyTests {

	static final DataSize LIMIT = DataSize.ofKilobytes(1);

	@Test
	void refusesABodyDeclaredLargerBeforeReadingAByte() {
		EndlessBody request = new EndlessBody(10_000_000);

		assertThatExceptionOfType(PayloadTooLarge.class).isThrownBy(() -> LimitedBody.read(request, LIMIT))
			.satisfies((ex) -> assertThat(ex.getBody().getProperties()).containsEntry("maxBytes", 1024L));
		assertThat(request.bytesRead).isZero();
	}

	@Test
	void refusesABodyWithoutALengthAfterReadingOneBytePastTheLimit() {
		EndlessBody request = new EndlessBody(-1);

		assertThatExceptionOfType(PayloadTooLarge.class).isThrownBy(() -> LimitedBody.read(request, LIMIT));
		assertThat(request.bytesRead).isEqualTo(1025);
	}

	@Test
	void readsABodyAtTheLimit() throws IOException {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/sentiment/score");
		request.setContent(new byte[1024]);

		assertThat(LimitedBody.read(request, LIMIT)).hasSize(1024);
	}

	/** A request whose body never ends, counting what is read of it. */
	static final class EndlessBody extends HttpServletRequestWrapper {

		private final long declaredLength;

		long bytesRead;

		EndlessBody(long declaredLength) {
			super(new MockHttpServletRequest("POST", "/api/v1/sentiment/score"));
			this.declaredLength = declaredLength;
		}

		@Override
		public long getContentLengthLong() {
			return this.declaredLength;
		}

		@Override
		public ServletInputStream getInputStream() {
			InputStream zeros = new InputStream() {

				@Override
				public int read() {
					EndlessBody.this.bytesRead++;
					return ' ';
				}

			};
			return new ServletInputStream() {

				@Override
				public int read() throws IOException {
					return zeros.read();
				}

				@Override
				public boolean isFinished() {
					return false;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException();
				}

			};
		}

	}

}
