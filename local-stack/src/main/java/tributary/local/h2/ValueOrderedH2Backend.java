package tributary.local.h2;

import java.nio.file.Path;
import java.util.List;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend with unique indexes (the {@code _id} index included)
 * whose keys are ordered by value, documents written as BSON, and new collections'
 * documents kept in insertion order.
 *
 * <p>
 * The library opens its maps with H2's default types, which Java-serialize what they do
 * not know: two index keys to compare them, so every insert paid dozens of
 * serializations, and every document of a page each time the page is written. Here a
 * lookup compares values ({@link KeyValueDataType}) and documents are written as BSON
 * ({@link DocumentDataType}), in a file whose format version says so (see
 * {@link StoreFormat}).
 */
public final class ValueOrderedH2Backend extends H2Backend {

	private ValueOrderedH2Backend(MVStore store) {
		super(store);
	}

	/**
	 * Opens (or creates) the store file, upgrading a file written by the library's own H2
	 * backend once.
	 * @param file the MVStore file
	 * @return the backend
	 * @throws IncompatibleStoreFile if the file cannot be used, with what to do
	 */
	public static ValueOrderedH2Backend open(Path file) {
		return new ValueOrderedH2Backend(StoreFormat.open(file));
	}

	/**
	 * A backend that keeps everything in memory.
	 * @return the backend
	 */
	public static ValueOrderedH2Backend inMemory() {
		return new ValueOrderedH2Backend(StoreFormat.inMemory());
	}

	@Override
	protected MongoDatabase openOrCreateDatabase(String databaseName) {
		return new ValueOrderedDatabase(databaseName, getMvStore(), getCursorRegistry());
	}

	/**
	 * Inner, not nested: H2Database's constructor already opens the existing indexes,
	 * before a field of its own could be assigned, and an inner class reaches the store
	 * through the enclosing backend, which is set by then.
	 */
	private final class ValueOrderedDatabase extends H2Database {

		ValueOrderedDatabase(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
			super(databaseName, store, cursorRegistry);
		}

		@Override
		protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
				boolean sparse) {
			// the library's name for the map, so its dropIndex, dropCollection and drop
			// find it
			String name = StoreFormat.indexMapName(getFullCollectionNamespace(collectionName), indexName);
			MVMap<KeyValue, Object> map = ValueOrderedH2Backend.this.getMvStore().openMap(name, StoreFormat.indexMap());
			return new MapUniqueIndex(map, indexName, keys, sparse);
		}

		@Override
		protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
			// the library's names for the maps, so its dropCollection, moveCollection and
			// drop, which open them by name, get these very maps back
			String namespace = getFullCollectionNamespace(collectionName);
			MVStore store = ValueOrderedH2Backend.this.getMvStore();
			MVMap<Object, Document> data = store.openMap(StoreFormat.dataMapName(namespace), StoreFormat.dataMap());
			MVMap<String, Object> meta = store.openMap(StoreFormat.metaMapName(namespace));
			return new BsonCollection(this, collectionName, options, data, meta, this.cursorRegistry);
		}

	}

	/**
	 * A collection whose documents are written as BSON, and written again when the
	 * library changes one in place.
	 *
	 * <p>
	 * A collection created by this version keys its documents by insertion number, not by
	 * {@code _id} as the library does; the {@code _id} index (a map of small keys) says
	 * where each document is. New documents are then always appended at the right-hand
	 * edge of the data map, however their ids are ordered and however far apart the
	 * warehouse's consumers are in their partitions: with documents keyed by id, a
	 * consumer behind the others inserted into pages written seconds before, which H2 had
	 * to read back from the file, decode whole and write again. Natural order becomes
	 * insertion order, as in MongoDB. A collection written by an earlier format keeps its
	 * documents keyed by {@code _id}; the mode is recorded in the collection's metadata.
	 */
	private static final class BsonCollection extends H2Collection {

		/** Metadata key of the mode; absent for collections keyed by {@code _id}. */
		private static final String POSITIONS = "tributary.positions";

		private static final String INSERTION_ORDER = "insertion-order";

		private final DocumentDataType documents;

		private final MVMap<Object, Document> data;

		private final boolean insertionOrdered;

		/** The next insertion number; only changed under the collection's lock. */
		private long next;

		BsonCollection(MongoDatabase database, String collectionName, CollectionOptions options,
				MVMap<Object, Document> data, MVMap<String, Object> meta, CursorRegistry cursorRegistry) {
			super(database, collectionName, options, data, meta, cursorRegistry);
			this.documents = (DocumentDataType) data.getValueType();
			this.data = data;
			if (!meta.containsKey(POSITIONS) && data.isEmpty()) {
				meta.put(POSITIONS, INSERTION_ORDER);
			}
			this.insertionOrdered = INSERTION_ORDER.equals(meta.get(POSITIONS));
			Object last = this.insertionOrdered ? data.lastKey() : null;
			this.next = (last != null) ? ((Number) last).longValue() + 1 : 0;
		}

		@Override
		protected Object addDocumentInternal(Document document) {
			if (!this.insertionOrdered) {
				return super.addDocumentInternal(document);
			}
			Long position = this.next++;
			this.data.put(position, document);
			return position;
		}

		@Override
		protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
			// the library has just changed the stored document in place
			this.documents.changed(newDocument);
			super.handleUpdate(position, oldDocument, newDocument);
		}

	}

}
