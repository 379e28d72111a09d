package tributary.warehouse.store;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

import org.bson.ByteBuf;
import org.bson.ByteBufNIO;
import org.bson.RawBsonDocument;
import org.bson.io.OutputBuffer;

/**
 * The bytes of one BSON document the warehouse encodes itself, the same bytes the
 * driver's {@link org.bson.io.BasicOutputBuffer} writes, in a plain array.
 *
 * <p>
 * The driver's buffer writes text one byte at a time, each byte through a
 * {@link ByteBuffer} that checks its room and position: in a recording of the warehouse
 * under load (bench/run warehouse-vs-connector with {@code JFR=1}, 2026-12-06) that was
 * 8% of the consumer threads' samples, for the field names and texts of the raw events
 * and aggregate documents. Here a text whose characters are all below {@code U+0080}
 * (every field name the warehouse writes, and most values) is copied into the array in
 * one loop with its room made once; any other text is written by the driver's own
 * encoder, so that every text, a malformed one too, comes out as the driver writes it.
 */
public final class BsonBuffer extends OutputBuffer {

	private static final VarHandle INT32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

	private static final VarHandle INT64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	private byte[] bytes;

	private int position;

	private boolean closed;

	/**
	 * An empty buffer.
	 * @param initialSize the bytes it has room for before it grows
	 */
	public BsonBuffer(int initialSize) {
		this.bytes = new byte[initialSize];
	}

	/**
	 * The document written, over this buffer's array (not a copy).
	 * @return the document
	 */
	public RawBsonDocument document() {
		ensureOpen();
		return new RawBsonDocument(this.bytes, 0, this.position);
	}

	@Override
	public void writeBytes(byte[] source, int offset, int length) {
		ensureOpen();
		ensure(length);
		System.arraycopy(source, offset, this.bytes, this.position, length);
		this.position += length;
	}

	@Override
	public void writeByte(int value) {
		ensureOpen();
		ensure(1);
		this.bytes[this.position++] = (byte) value;
	}

	@Override
	public void writeInt32(int value) {
		ensureOpen();
		ensure(4);
		INT32.set(this.bytes, this.position, value);
		this.position += 4;
	}

	@Override
	public void writeInt32(int absolutePosition, int value) {
		ensureOpen();
		checkPosition(absolutePosition, 4);
		INT32.set(this.bytes, absolutePosition, value);
	}

	@Override
	public void writeInt64(long value) {
		ensureOpen();
		ensure(8);
		INT64.set(this.bytes, this.position, value);
		this.position += 8;
	}

	@Override
	protected void write(int absolutePosition, int value) {
		ensureOpen();
		checkPosition(absolutePosition, 1);
		this.bytes[absolutePosition] = (byte) value;
	}

	/**
	 * Writes a text and the zero byte after it, as the driver's encoder does: a text of
	 * characters below {@code U+0080} and without a NUL in one pass into the array, any
	 * other by the driver's encoder.
	 */
	@Override
	protected int writeCharacters(String text, boolean checkForNullCharacters) {
		ensureOpen();
		int length = text.length();
		ensure(length + 1);
		byte[] target = this.bytes;
		int start = this.position;
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c >= 0x80 || c == 0) {
				// nothing is written yet: the position is where the text starts
				return super.writeCharacters(text, checkForNullCharacters);
			}
			target[start + i] = (byte) c;
		}
		target[start + length] = 0;
		this.position = start + length + 1;
		return length + 1;
	}

	@Override
	public int getPosition() {
		ensureOpen();
		return this.position;
	}

	@Override
	public int getSize() {
		ensureOpen();
		return this.position;
	}

	@Override
	public int pipe(OutputStream out) throws IOException {
		ensureOpen();
		out.write(this.bytes, 0, this.position);
		return this.position;
	}

	@Override
	public void truncateToPosition(int newPosition) {
		ensureOpen();
		if (newPosition > this.position || newPosition < 0) {
			throw new IllegalArgumentException(
					"Cannot truncate to " + newPosition + ": the buffer holds " + this.position + " bytes");
		}
		this.position = newPosition;
	}

	@Override
	public List<ByteBuf> getByteBuffers() {
		ensureOpen();
		return List.of(new ByteBufNIO(ByteBuffer.wrap(this.bytes, 0, this.position)));
	}

	@Override
	public byte[] toByteArray() {
		ensureOpen();
		return Arrays.copyOf(this.bytes, this.position);
	}

	@Override
	public void close() {
		this.closed = true;
	}

	private void ensureOpen() {
		if (this.closed) {
			throw new IllegalStateException("The output is closed");
		}
	}

	/** Room for {@code more} bytes, growing as the driver's buffer grows. */
	private void ensure(int more) {
		int need = this.position + more;
		if (need <= this.bytes.length) {
			return;
		}
		int size = this.position * 2;
		if (size < need) {
			size = need + 128;
		}
		this.bytes = Arrays.copyOf(this.bytes, size);
	}

	private void checkPosition(int absolutePosition, int length) {
		if (absolutePosition < 0 || absolutePosition > this.position - length) {
			throw new IllegalArgumentException("Cannot write " + length + " bytes at " + absolutePosition
					+ ": the buffer holds " + this.position + " bytes");
		}
	}

}
