package tributary.local.h2;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;
import org.jspecify.annotations.Nullable;

/**
 * The key type of a unique index map: ordered by {@link ValueOrder}, written to and read
 * from the file exactly as H2's {@link ObjectDataType} writes a {@link KeyValue}, so a
 * page holds the same bytes as before and only the order of the keys differs.
 */
final class KeyValueDataType extends BasicDataType<KeyValue> {

	private final ObjectDataType file = new ObjectDataType();

	@Override
	public int compare(KeyValue a, KeyValue b) {
		return ValueOrder.compareKeys(a, b);
	}

	/**
	 * A rough size on the heap, for H2's page sizing and cache; H2's own estimate for a
	 * serialized object starts at 10 KB a key, which splits pages far too early.
	 */
	@Override
	public int getMemory(KeyValue key) {
		int memory = 40;
		for (Object value : key) {
			memory += memory(value, 0);
		}
		return memory;
	}

	private static int memory(@Nullable Object value, int depth) {
		if (value instanceof String string) {
			return 48 + string.length();
		}
		if (depth < 3 && value instanceof Map<?, ?> map) {
			int memory = 64;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				memory += 48 + memory(entry.getKey(), depth + 1) + memory(entry.getValue(), depth + 1);
			}
			return memory;
		}
		if (depth < 3 && value instanceof List<?> list) {
			int memory = 40;
			for (Object element : list) {
				memory += 8 + memory(element, depth + 1);
			}
			return memory;
		}
		return 32;
	}

	@Override
	public void write(WriteBuffer buffer, KeyValue key) {
		this.file.write(buffer, key);
	}

	@Override
	public KeyValue read(ByteBuffer buffer) {
		Object key = this.file.read(buffer);
		if (key instanceof KeyValue keyValue) {
			return keyValue;
		}
		throw new IllegalStateException("An index map holds a key of type "
				+ ((key != null) ? key.getClass().getName() : "null") + " where a KeyValue was expected");
	}

	@Override
	public KeyValue[] createStorage(int size) {
		return new KeyValue[size];
	}

}
