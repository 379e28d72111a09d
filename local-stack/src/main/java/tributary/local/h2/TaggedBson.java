package tributary.local.h2;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.jspecify.annotations.Nullable;

/**
 * How the store file holds what the library would Java-serialize: a tag byte, then a BSON
 * document written by the same encoder the store answers clients with.
 *
 * <p>
 * Java serialization writes class descriptors and walks every object through reflection;
 * BSON is several times cheaper to write and read, and smaller. A value BSON has no type
 * for (none arrives over the wire, but the store may hold internal ones) is written
 * Java-serialized, behind its own tag, so nothing is ever refused.
 */
final class TaggedBson {

	private static final byte BSON = 1;

	private static final byte SERIALIZED = 2;

	private static final byte TEXT = 3;

	/** One per thread, see {@link IdDataType}. */
	private final ThreadLocal<ObjectDataType> serialized = ThreadLocal.withInitial(ObjectDataType::new);

	/**
	 * Writes a document as BSON, or the original object Java-serialized if BSON cannot
	 * hold one of the document's values.
	 * @param buffer where to write
	 * @param document what to write as BSON
	 * @param original what to serialize instead
	 */
	void write(WriteBuffer buffer, Map<String, ?> document, Object original) {
		write(buffer, encode(document), original);
	}

	/**
	 * Writes what {@link #encode} made of a document, or the original object
	 * Java-serialized if it made nothing.
	 * @param buffer where to write
	 * @param bson the document's BSON, or {@code null}
	 * @param original what to serialize instead
	 */
	void write(WriteBuffer buffer, byte @Nullable [] bson, Object original) {
		if (bson == null) {
			buffer.put(SERIALIZED);
			this.serialized.get().write(buffer, original);
			return;
		}
		buffer.put(BSON);
		buffer.put(bson);
	}

	/**
	 * A document's BSON.
	 * @param document the document
	 * @return its BSON, or {@code null} if BSON has no type for one of its values
	 */
	static byte @Nullable [] encode(Map<String, ?> document) {
		ByteBuf bson = Unpooled.buffer(256);
		try {
			BsonEncoder.encodeDocument(document, bson);
		}
		catch (IllegalArgumentException | ClassCastException ex) {
			return null;
		}
		byte[] bytes = new byte[bson.readableBytes()];
		bson.readBytes(bytes);
		return bytes;
	}

	/**
	 * The size of a document's BSON, for a document {@link #encode} made nothing of: the
	 * encoder's exception is thrown.
	 * @param document the document
	 * @return the number of bytes of its BSON
	 */
	static int size(Map<String, ?> document) {
		ByteBuf bson = Unpooled.buffer(256);
		BsonEncoder.encodeDocument(document, bson);
		return bson.readableBytes();
	}

	/**
	 * Writes a text on its own, more compactly and cheaply than as a document: most keys
	 * of unique indexes are one text, the {@code _id}.
	 * @param buffer where to write
	 * @param text the text
	 */
	void write(WriteBuffer buffer, String text) {
		byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
		buffer.put(TEXT);
		buffer.putVarInt(utf8.length);
		buffer.put(utf8);
	}

	/**
	 * Reads what a {@code write} method wrote.
	 * @param buffer where to read from, left just after it
	 * @return the decoded document, the deserialized original, or the text
	 */
	Object read(ByteBuffer buffer) {
		return read(buffer, null);
	}

	/**
	 * Reads what a {@code write} method wrote, remembering the BSON of a document read.
	 * @param buffer where to read from, left just after it
	 * @param encoded where to remember it, if anywhere
	 * @return the decoded document, the deserialized original, or the text
	 */
	Object read(ByteBuffer buffer, @Nullable EncodedDocuments encoded) {
		byte tag = buffer.get();
		if (tag == BSON) {
			int length = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt();
			byte[] bytes = new byte[length];
			buffer.get(bytes);
			Document document = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
			if (encoded != null) {
				encoded.remember(document, bytes);
			}
			return document;
		}
		if (tag == SERIALIZED) {
			return this.serialized.get().read(buffer);
		}
		if (tag == TEXT) {
			byte[] utf8 = new byte[DataUtils.readVarInt(buffer)];
			buffer.get(utf8);
			return new String(utf8, StandardCharsets.UTF_8);
		}
		throw new IllegalStateException(
				"The store file holds a value with the unknown tag " + tag + "; was it written by a newer Tributary?");
	}

}
