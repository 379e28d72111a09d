package tributary.warehouse.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bson.BsonSerializationException;
import org.bson.io.BasicOutputBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The buffer writes every string exactly as the driver's own buffer does: ASCII through
 * its copy, anything else (accents, emoji, half a surrogate pair, NUL) through the
 * driver's code.
 */
class BsonBufferTests {

	private static final char[] SAMPLES = { 'a', 'Z', '0', ' ', '.', '$', '\u007f', '\u0080', '\u00e9', '\u07ff',
			'\u0800', '\u20ac', '\ud83d', '\ude00', '\uffff' };

	@Test
	void everyStringIsWrittenAsTheDriversBufferWritesIt() {
		Random random = new Random(23);
		List<String> strings = new ArrayList<>(List.of("", "a", "temperatureC", "caf\u00e9", "\ud83d\ude00 good",
				"half \ud83d", "x".repeat(70), "y".repeat(1000) + "\u00e9"));
		for (int i = 0; i < 5_000; i++) {
			StringBuilder text = new StringBuilder();
			int length = random.nextInt(100);
			for (int c = 0; c < length; c++) {
				text.append((random.nextInt(4) == 0) ? SAMPLES[random.nextInt(SAMPLES.length)]
						: (char) (0x20 + random.nextInt(0x5f)));
			}
			strings.add(text.toString());
		}
		BsonBuffer buffer = new BsonBuffer(16);
		BasicOutputBuffer expected = new BasicOutputBuffer(16);
		for (String text : strings) {
			buffer.writeString(text);
			expected.writeString(text);
			buffer.writeCString(text);
			expected.writeCString(text);
		}
		assertThat(buffer.toByteArray()).isEqualTo(expected.toByteArray());
	}

	@Test
	void aNulCharacterIsKeptInAStringButFailsANameAsInTheDriver() {
		BsonBuffer buffer = new BsonBuffer(16);
		BasicOutputBuffer expected = new BasicOutputBuffer(16);
		buffer.writeString("a\0b");
		expected.writeString("a\0b");
		assertThat(buffer.toByteArray()).isEqualTo(expected.toByteArray());

		assertThatExceptionOfType(BsonSerializationException.class).isThrownBy(() -> buffer.writeCString("a\0b"))
			.withMessageContaining("null character at index 1");
	}

}
