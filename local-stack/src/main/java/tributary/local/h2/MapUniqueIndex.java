package tributary.local.h2;

import java.util.List;
import java.util.Map.Entry;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.jspecify.annotations.Nullable;

/**
 * A unique index kept in an H2 map from key to document position (the document's
 * {@code _id}, or {@link Missing} for a {@code null} one).
 */
final class MapUniqueIndex extends AbstractUniqueIndex<Object> {

	private final MVMap<KeyValue, Object> map;

	/** The document whose keys {@link #checkAdd} found free last. */
	private @Nullable Document checked;

	/** The document {@link #add} is adding. */
	private @Nullable Document adding;

	MapUniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
		super(name, keys, sparse);
		this.map = map;
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
		super.checkAdd(document, collection);
		this.checked = document;
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
