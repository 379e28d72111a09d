package tributary.warehouse.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import org.bson.BsonBinaryWriter;
import org.bson.BsonSerializationException;
import org.bson.ByteBuf;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.bson.io.OutputBuffer;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The buffer writes what the driver's {@code BasicOutputBuffer} writes, byte for byte.
 */
class BsonBufferTests {

	/** Characters of every width in UTF-8, NUL, and both halves of a surrogate pair. */
	private static final char[] ALPHABET = { 'a', 'Z', '7', ' ', '"', '\\', '.', '$', '\u007f', '\u0080', 'é', 'ß',
			'\u07ff', '\u0800', '€', '中', '\uffff', '\ud83d', '\ude00', '\u0000' };

	@Test
	void writesEveryTextAsTheDriverDoesWhateverItHolds() {
		Random random = new Random(20261206);
		for (int round = 0; round < 20_000; round++) {
			String text = text(random, random.nextInt(40));
			assertSameBytes((buffer) -> {
				buffer.writeInt32(text.length());
				buffer.writeString(text);
				buffer.writeByte(0x7f);
			});
			if (text.indexOf('\0') < 0) {
				assertSameBytes((buffer) -> buffer.writeCString(text));
			}
		}
	}

	@Test
	void refusesANulInANameAsTheDriverDoes() {
		String name = "temperature\0C";

		assertThatExceptionOfType(BsonSerializationException.class)
			.isThrownBy(() -> new BasicOutputBuffer().writeCString(name));
		assertThatExceptionOfType(BsonSerializationException.class)
			.isThrownBy(() -> new BsonBuffer(16).writeCString(name))
			.withMessageContaining("null character");
	}

	@Test
	void writesNumbersAndBytesAndBackpatchesAsTheDriverDoes() {
		assertSameBytes((buffer) -> {
			buffer.writeInt32(0);
			buffer.writeInt64(Long.MIN_VALUE + 12345);
			buffer.writeDouble(-0.0);
			buffer.writeDouble(Math.PI);
			buffer.writeObjectId(new ObjectId("65f0a1b2c3d4e5f607182930"));
			buffer.writeBytes(new byte[] { 1, 2, 3, 4, 5 }, 1, 3);
			buffer.writeByte(0xff);
			buffer.writeInt32(0, buffer.getPosition());
			buffer.truncateToPosition(buffer.getPosition() - 2);
			buffer.writeString("done");
		});
	}

	@Test
	void growsFromAnyInitialSize() {
		Random random = new Random(7);
		String text = text(random, 5_000);
		for (int initialSize : new int[] { 1, 2, 7, 64, 1024 }) {
			BsonBuffer buffer = new BsonBuffer(initialSize);
			BasicOutputBuffer driver = new BasicOutputBuffer(initialSize);
			for (OutputBuffer each : List.<OutputBuffer>of(buffer, driver)) {
				for (int i = 0; i < 50; i++) {
					each.writeInt64(i);
					each.writeString(text.substring(i * 100, i * 100 + i));
				}
			}
			assertThat(buffer.toByteArray()).isEqualTo(driver.toByteArray());
		}
	}

	@Test
	void encodesADocumentAsTheDriversCodecDoes() throws IOException {
		Document document = new Document("_id", "Berlin|2026-12-06T20").append("location", "Zürich ☀")
			.append("hour", new Date(1796580000000L))
			.append("weather",
					new Document("readings", 3L).append("temperatureSum", new Decimal128(new BigDecimal("-1.25"))))
			.append("tags", List.of("a", "b\u0000c", "\ud83d\ude00"))
			.append("version", 4);
		BsonBuffer buffer = new BsonBuffer(8);
		try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
			new DocumentCodec().encode(writer, document, EncoderContext.builder().build());
		}
		BasicOutputBuffer driver = new BasicOutputBuffer();
		try (BsonBinaryWriter writer = new BsonBinaryWriter(driver)) {
			new DocumentCodec().encode(writer, document, EncoderContext.builder().build());
		}

		RawBsonDocument written = buffer.document();
		assertThat(written.getByteBuffer().array()).startsWith(driver.toByteArray());
		assertThat(written.getByteBuffer().remaining()).isEqualTo(driver.getPosition());
		assertThat(written.decode(new DocumentCodec())).isEqualTo(document);
		ByteArrayOutputStream piped = new ByteArrayOutputStream();
		assertThat(buffer.pipe(piped)).isEqualTo(driver.getPosition());
		assertThat(piped.toByteArray()).isEqualTo(driver.toByteArray());
		List<ByteBuf> buffers = buffer.getByteBuffers();
		assertThat(buffers).singleElement()
			.satisfies((only) -> assertThat(only.remaining()).isEqualTo(driver.getPosition()));
	}

	@Test
	void refusesWritesOutsideWhatItHoldsAndAfterItIsClosed() {
		BsonBuffer buffer = new BsonBuffer(16);
		buffer.writeInt32(1);

		assertThatIllegalArgumentException().isThrownBy(() -> buffer.writeInt32(1, 2));
		assertThatIllegalArgumentException().isThrownBy(() -> buffer.truncateToPosition(5));
		assertThatIllegalArgumentException().isThrownBy(() -> buffer.truncateToPosition(-1));
		buffer.close();
		assertThatIllegalStateException().isThrownBy(() -> buffer.writeByte(1));
		assertThatIllegalStateException().isThrownBy(buffer::getPosition);
	}

	private static void assertSameBytes(Consumer<OutputBuffer> writes) {
		BsonBuffer buffer = new BsonBuffer(4);
		BasicOutputBuffer driver = new BasicOutputBuffer(4);
		writes.accept(buffer);
		writes.accept(driver);
		assertThat(buffer.getPosition()).isEqualTo(driver.getPosition());
		assertThat(buffer.toByteArray()).isEqualTo(driver.toByteArray());
	}

	/**
	 * Mostly ASCII, as the warehouse's texts are, with any of the others now and then.
	 */
	private static String text(Random random, int length) {
		StringBuilder text = new StringBuilder(length);
		boolean ascii = random.nextBoolean();
		for (int i = 0; i < length; i++) {
			text.append((ascii || random.nextInt(4) > 0) ? (char) (' ' + random.nextInt(95))
					: ALPHABET[random.nextInt(ALPHABET.length)]);
		}
		return text.toString();
	}

}
