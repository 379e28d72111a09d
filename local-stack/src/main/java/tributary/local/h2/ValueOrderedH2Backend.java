package tributary.local.h2;

import java.nio.file.Path;
import java.util.List;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend with unique indexes (the {@code _id} index included)
 * whose keys are ordered by value.
 *
 * <p>
 * The library opens its index maps with H2's default key type, which compares two keys
 * that are not {@link Comparable} by Java-serializing both, so every insert paid dozens
 * of serializations. Here a lookup compares values; keys are stored as before, in a file
 * whose format version says which order they are in (see {@link StoreFormat}).
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

	}

}
