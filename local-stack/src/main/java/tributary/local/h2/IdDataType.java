package tributary.local.h2;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of a collection's data map: insertion numbers in collections created since
 * store format 3, the documents' {@code _id}s in older ones (see
 * {@link ValueOrderedH2Backend}). In {@link ObjectDataType}'s order, as the library keeps
 * them, but a text written as UTF-8 in one go rather than a character at a time: event
 * ids are texts, and a page is written with all its keys whenever one of its documents
 * changes.
 */
final class IdDataType extends BasicDataType<Object> {

	/** A tag {@link ObjectDataType} never writes: its tags are not negative. */
	private static final byte TEXT = -1;

	/**
	 * One per thread: an {@link ObjectDataType} remembers the last type it saw in a plain
	 * field, and shared between the thread that writes pages and those that insert, it
	 * can compare two keys with the wrong type's comparison.
	 */
	private final ThreadLocal<ObjectDataType> others = ThreadLocal.withInitial(ObjectDataType::new);

	@Override
	public int compare(Object a, Object b) {
		if (a instanceof String text && b instanceof String other) {
			return text.compareTo(other);
		}
		return this.others.get().compare(a, b);
	}

	@Override
	public int getMemory(Object id) {
		return (id instanceof String text) ? 48 + 2 * text.length() : this.others.get().getMemory(id);
	}

	@Override
	public void write(WriteBuffer buffer, Object id) {
		if (id instanceof String text) {
			byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
			buffer.put(TEXT).putVarInt(utf8.length).put(utf8);
			return;
		}
		this.others.get().write(buffer, id);
	}

	@Override
	public Object read(ByteBuffer buffer) {
		if (buffer.get(buffer.position()) == TEXT) {
			buffer.get();
			byte[] utf8 = new byte[DataUtils.readVarInt(buffer)];
			buffer.get(utf8);
			return new String(utf8, StandardCharsets.UTF_8);
		}
		return this.others.get().read(buffer);
	}

	@Override
	public Object[] createStorage(int size) {
		return new Object[size];
	}

}
