package tributary.local.h2;

import java.util.Collection;
import java.util.List;
import java.util.Map.Entry;
import java.util.Set;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;
import org.h2.mvstore.MVMap;
import org.jspecify.annotations.Nullable;

/**
 * A unique index kept in an H2 map from key to document position (the document's
 * {@code _id}, or {@link Missing} for a {@code null} one).
 * <p>
 * Where every key is a top-level field and the index is not sparse (the warehouse's
 * {@code _id} and {@code (_id, version)} indexes), a document's key is read straight from
 * its fields: the library's general path, for dotted paths and arrays, builds a map, two
 * streams and three lists per key, and every insert or update asks for the keys five to
 * nine times. The key read here is the one the library reads ({@code MapUniqueIndexTests}
 * compares them value for value, duplicate-key errors included); a document with an array
 * in a key field, a sparse index and a dotted key take the library's path.
 */
final class MapUniqueIndex extends AbstractUniqueIndex<Object> {

	private final MVMap<KeyValue, Object> map;

	/** The keys' field names when all are top-level and the index is not sparse. */
	private final String @Nullable [] fields;

	/** The document whose keys {@link #checkAdd} found free last. */
	private @Nullable Document checked;

	/** The document {@link #add} is adding. */
	private @Nullable Document adding;

	MapUniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
		this(map, name, keys, sparse, true);
	}

	/**
	 * An index that reads keys from the fields where it can, or, with
	 * {@code readFields = false}, always as the library does (what the tests compare
	 * with).
	 */
	MapUniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse, boolean readFields) {
		super(name, keys, sparse);
		this.map = map;
		List<String> names = keys();
		this.fields = (readFields && !sparse && names.stream().allMatch(MapUniqueIndex::isTopLevelField))
				? names.toArray(String[]::new) : null;
	}

	/** A field name the library reads as one field of the document itself. */
	private static boolean isTopLevelField(String key) {
		return !key.isEmpty() && key.indexOf('.') < 0 && !key.equals("$");
	}

	/**
	 * The document's key as stored, not normalized: its fields' values, {@link Missing}
	 * for an absent one; {@code null} where the library's path is needed.
	 */
	private @Nullable KeyValue storedKey(Document document) {
		String[] names = this.fields;
		if (names == null) {
			return null;
		}
		Object[] values = new Object[names.length];
		for (int i = 0; i < names.length; i++) {
			Object value = document.getOrMissing(names[i]);
			if (value instanceof Collection) {
				return null;
			}
			values[i] = value;
		}
		return new KeyValue(values);
	}

	/**
	 * A key as the index holds it: the library's normalization (numbers as doubles, no
	 * negative zero, {@code null} for absent), which leaves strings as they are.
	 */
	private static KeyValue normalized(KeyValue key) {
		for (Object value : key) {
			if (!(value instanceof String)) {
				return key.normalized();
			}
		}
		return key;
	}

	@Override
	public Set<KeyValue> getKeyValues(Document document) {
		KeyValue key = storedKey(document);
		return (key != null) ? Set.of(normalized(key)) : super.getKeyValues(document);
	}

	/**
	 * Checks that a document's keys are free, as the library does, unless {@link #add}
	 * asks again for the document just checked.
	 */
	@Override
	public synchronized void checkAdd(Document document, MongoCollection<Object> collection) {
		if (this.adding == document && this.checked == document) {
			return;
		}
		this.checked = null;
		KeyValue key = storedKey(document);
		if (key == null) {
			super.checkAdd(document, collection);
		}
		else if (containsKey(normalized(key))) {
			throw new DuplicateKeyError(this, collection, getKeys(), key);
		}
		this.checked = document;
	}

	/**
	 * Checks that an updated document's new key, if it changed, is free or its own, as
	 * the library does.
	 */
	@Override
	public synchronized void checkUpdate(Document oldDocument, Document newDocument,
			MongoCollection<Object> collection) {
		KeyValue oldKey = storedKey(oldDocument);
		KeyValue newKey = storedKey(newDocument);
		if (oldKey == null || newKey == null) {
			super.checkUpdate(oldDocument, newDocument, collection);
			return;
		}
		KeyValue oldNormalized = normalized(oldKey);
		KeyValue newNormalized = normalized(newKey);
		if (oldNormalized.equals(newNormalized)) {
			return;
		}
		Object position = getPosition(newNormalized);
		if (position != null && !position.equals(getPosition(oldNormalized))) {
			throw new DuplicateKeyError(this, collection, getKeys(), newKey);
		}
	}

	/**
	 * Adds a document's keys. The library's {@code add} checks the keys first, although
	 * the collection has just checked them under its lock ({@code addDocument}: every
	 * index's {@code checkAdd}, then the document, then every index's {@code add}): each
	 * insert extracted its keys three times and searched the index for them three times.
	 * That second check is skipped for the document checked last; an index being built
	 * over stored documents, which are not checked first, checks each as before.
	 */
	@Override
	public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
		this.adding = document;
		try {
			super.add(document, position, collection);
		}
		finally {
			this.adding = null;
			this.checked = null;
		}
	}

	@Override
	protected @Nullable Object removeDocument(KeyValue key) {
		return this.map.remove(key);
	}

	@Override
	protected boolean putKeyPosition(KeyValue key, @Nullable Object position) {
		return this.map.putIfAbsent(key, Missing.ofNullable(position)) == null;
	}

	@Override
	protected Iterable<Entry<KeyValue, Object>> getIterable() {
		return this.map.entrySet();
	}

	@Override
	protected @Nullable Object getPosition(KeyValue key) {
		return this.map.get(key);
	}

	@Override
	public long getCount() {
		return this.map.sizeAsLong();
	}

	@Override
	public boolean isEmpty() {
		return this.map.isEmpty();
	}

	@Override
	public long getDataSize() {
		return getCount();
	}

}
