package tributary.support.text;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The strict UTF-8 check agrees with the JDK's decoder, which follows RFC 3629. */
class Utf8Tests {

	@Test
	void acceptsUnicodeTextOfEveryLength() {
		String text = "a é 中 😀 \u0000 \uFFFF \uDBFF\uDFFF";
		assertThat(Utf8.firstInvalid(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
	}

	@Test
	void findsOverlongSurrogateTruncatedAndOutOfRangeSequences() {
		assertThat(Utf8.firstInvalid(new byte[] { 'a', (byte) 0xC0, (byte) 0xAF })).isEqualTo(1);
		assertThat(Utf8.firstInvalid(new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 })).isZero();
		assertThat(Utf8.firstInvalid(new byte[] { 'x', 'y', (byte) 0xE2, (byte) 0x82 })).isEqualTo(2);
		assertThat(Utf8.firstInvalid(new byte[] { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 })).isZero();
		assertThat(Utf8.firstInvalid(new byte[] { (byte) 0x80 })).isZero();
		assertThat(Utf8.firstInvalid(new byte[] { (byte) 0xE0, (byte) 0x80, (byte) 0x80 })).isZero();
	}

	@Test
	void findsHalfASurrogatePairAndSkipsWholeOnes() {
		assertThat(Utf8.unpairedSurrogate("a é 😀 \uDBFF\uDFFF", 0)).isEqualTo(-1);
		assertThat(Utf8.unpairedSurrogate("ab\uD800c", 0)).isEqualTo(2);
		assertThat(Utf8.unpairedSurrogate("ab\uDC00", 0)).isEqualTo(2);
		assertThat(Utf8.unpairedSurrogate("😀\uD83D", 0)).isEqualTo(2);
		assertThat(Utf8.unpairedSurrogate("\uDC00\uD800\uDC00\uD800", 1)).isEqualTo(3);
	}

	@Test
	void agreesWithTheJdkOnRandomBytes() {
		Random random = new Random(5);
		for (int i = 0; i < 20_000; i++) {
			byte[] bytes = new byte[random.nextInt(12)];
			random.nextBytes(bytes);
			boolean jdk = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
				.onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
				.decode(java.nio.ByteBuffer.wrap(bytes), java.nio.CharBuffer.allocate(64), true)
				.isError();
			assertThat(Utf8.firstInvalid(bytes) >= 0).as(java.util.HexFormat.of().formatHex(bytes)).isEqualTo(jdk);
		}
	}

}
