package tributary.local.h2;

import java.nio.ByteBuffer;
import java.util.ArrayList;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * The key type of a unique index map: ordered by {@link ValueOrder} instead of by the
 * Java serialization of the keys, and written to the file as BSON ({@link TaggedBson}):
 * the values of a key as the fields {@code "0"}, {@code "1"}, ... of a document, and a
 * key that is one text as that text.
 */
final class KeyValueDataType extends BasicDataType<KeyValue> {

	private final TaggedBson file = new TaggedBson();

	@Override
	public int compare(KeyValue a, KeyValue b) {
		return ValueOrder.compareKeys(a, b);
	}

	/** A rough size on the heap, for H2's page sizing and cache. */
	@Override
	public int getMemory(KeyValue key) {
		int memory = 40;
		for (Object value : key) {
			memory += HeapSize.of(value);
		}
		return memory;
	}

	@Override
	public void write(WriteBuffer buffer, KeyValue key) {
		if (key.size() == 1 && key.get(0) instanceof String text) {
			this.file.write(buffer, text);
			return;
		}
		Document values = new Document();
		for (int i = 0; i < key.size(); i++) {
			values.put(Integer.toString(i), key.get(i));
		}
		this.file.write(buffer, values, key);
	}

	@Override
	public KeyValue read(ByteBuffer buffer) {
		Object key = this.file.read(buffer);
		if (key instanceof Document values) {
			return new KeyValue(new ArrayList<>(values.values()));
		}
		if (key instanceof KeyValue keyValue) {
			return keyValue;
		}
		if (key instanceof String text) {
			return new KeyValue(text);
		}
		throw new IllegalStateException("An index map holds a key of type "
				+ ((key != null) ? key.getClass().getName() : "null") + " where a KeyValue was expected");
	}

	@Override
	public KeyValue[] createStorage(int size) {
		return new KeyValue[size];
	}

}
