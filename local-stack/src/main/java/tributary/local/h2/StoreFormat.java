package tributary.local.h2;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The format of the store file, kept as the MVStore's store version:
 * <ol start="0">
 * <li>written by mongo-java-server's own H2 backend: unique index keys in the order of
 * their Java serialization, documents Java-serialized;</li>
 * <li>unique index keys in {@link ValueOrder};</li>
 * <li>and index keys and documents written as BSON ({@link KeyValueDataType},
 * {@link DocumentDataType}), text ids as UTF-8 ({@link IdDataType});</li>
 * <li>and collections created from now on keep their documents in insertion order
 * ({@link ValueOrderedH2Backend}): collections of earlier files stay as they are, so
 * nothing is rewritten, but a version that knows only format 2 must not open the
 * file.</li>
 * </ol>
 * An older file is upgraded once when opened, a newer one refused.
 */
final class StoreFormat {

	/** Unique index keys in {@link ValueOrder}. */
	static final int VALUE_ORDERED_INDEXES = 1;

	/** Index keys and documents in BSON as well. */
	static final int BSON_DOCUMENTS = 2;

	/** New collections' documents keyed by insertion number. */
	static final int INSERTION_ORDERED = 3;

	/** What this version writes. */
	static final int CURRENT = INSERTION_ORDERED;

	private static final Logger log = LoggerFactory.getLogger(StoreFormat.class);

	/**
	 * mongo-java-server names an index map
	 * {@code <database>.<collection>._index_<index>}.
	 */
	private static final String INDEX_MAP_INFIX = "._index_";

	/**
	 * ...the data map of that collection {@code databases.<database>.<collection>}...
	 */
	private static final String DATA_MAP_PREFIX = "databases.";

	/** ...and its metadata {@code meta.<database>.<collection>}. */
	private static final String META_MAP_PREFIX = "meta.";

	private static final String REBUILDING_SUFFIX = ".rebuilding";

	private StoreFormat() {
	}

	static MVMap.Builder<KeyValue, Object> indexMap() {
		return new MVMap.Builder<KeyValue, Object>().keyType(new KeyValueDataType());
	}

	static String indexMapName(String collectionNamespace, String indexName) {
		return collectionNamespace + INDEX_MAP_INFIX + indexName;
	}

	static MVMap.Builder<Object, Document> dataMap() {
		return new MVMap.Builder<Object, Document>().keyType(new IdDataType()).valueType(new DocumentDataType());
	}

	static String dataMapName(String collectionNamespace) {
		return DATA_MAP_PREFIX + collectionNamespace;
	}

	static String metaMapName(String collectionNamespace) {
		return META_MAP_PREFIX + collectionNamespace;
	}

	static MVStore inMemory() {
		MVStore store = MVStore.open(null);
		store.setStoreVersion(CURRENT);
		return store;
	}

	/**
	 * Opens the store file, upgrading it first if an older format wrote it.
	 * @param file the file, created if missing
	 * @param cacheMb the size of H2's page cache, see
	 * {@link ValueOrderedH2Backend#DEFAULT_CACHE_MB}
	 * @return the open store, in the current format
	 * @throws IncompatibleStoreFile if a newer format wrote the file, or the upgrade
	 * finds two index keys the old order told apart and the new one holds equal
	 */
	static MVStore open(Path file, int cacheMb) {
		if (Files.exists(file)) {
			upgrade(file);
		}
		MVStore store = new MVStore.Builder().fileName(file.toString()).cacheSize(cacheMb).open();
		if (store.getStoreVersion() != CURRENT) {
			if (!store.getMapNames().isEmpty()) {
				// upgrade() made it current: this file changed under us
				store.closeImmediately();
				throw new IncompatibleStoreFile(file,
						"changed format while being opened; is another process using it?");
			}
			store.setStoreVersion(CURRENT);
			store.commit();
		}
		return store;
	}

	private static void upgrade(Path file) {
		// without auto-commit nothing of a half-done upgrade ever reaches the file
		MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
		boolean upgraded = false;
		try {
			int version = store.getStoreVersion();
			if (version > CURRENT) {
				throw new IncompatibleStoreFile(file,
						"was written in store format " + version + " by a newer Tributary, and this one reads up to "
								+ CURRENT + ": use that newer version, or move the file away to start empty");
			}
			if (version < BSON_DOCUMENTS) {
				List<String> indexMaps = indexMapNames(store);
				List<String> dataMaps = dataMapNames(store);
				log.info("Store file {} is in format {}: rewriting its {} unique indexes and {} collections in "
						+ "format {} once", file, version, indexMaps.size(), dataMaps.size(), BSON_DOCUMENTS);
				for (String name : indexMaps) {
					rebuild(store, name, file);
				}
				for (String name : dataMaps) {
					rewrite(store, name);
				}
			}
			if (version < CURRENT) {
				// from format 2 on nothing written changes: only new collections differ
				store.setStoreVersion(CURRENT);
				store.commit();
			}
			upgraded = true;
		}
		finally {
			if (upgraded) {
				store.close();
			}
			else {
				store.closeImmediately();
			}
		}
	}

	private static List<String> indexMapNames(MVStore store) {
		List<String> names = new ArrayList<>();
		for (String name : store.getMapNames()) {
			int infix = name.indexOf(INDEX_MAP_INFIX);
			if (infix > 0 && store.hasMap(DATA_MAP_PREFIX + name.substring(0, infix))) {
				names.add(name);
			}
		}
		names.sort(null);
		return names;
	}

	private static List<String> dataMapNames(MVStore store) {
		List<String> names = new ArrayList<>();
		for (String name : store.getMapNames()) {
			// a collection has both; an index map of a database named "databases" has not
			boolean data = name.startsWith(DATA_MAP_PREFIX)
					&& store.hasMap(META_MAP_PREFIX + name.substring(DATA_MAP_PREFIX.length()));
			if (data && !name.endsWith(REBUILDING_SUFFIX)) {
				names.add(name);
			}
		}
		names.sort(null);
		return names;
	}

	/** Copies a data map into a new one that writes its documents in BSON. */
	private static void rewrite(MVStore store, String name) {
		MVMap<Object, Document> rewritten = replace(store, name, dataMap(),
				(legacy, copy) -> legacy.forEach((id, document) -> copy.put(id, (Document) document)));
		log.info("Rewrote data map '{}' ({} documents)", name, rewritten.sizeAsLong());
	}

	/**
	 * Copies an index map into a new one in value order, keys in BSON; iterating the old
	 * one compares no keys, so its order does not matter.
	 */
	private static void rebuild(MVStore store, String name, Path file) {
		MVMap<KeyValue, Object> rebuilt = replace(store, name, indexMap(), (legacy, copy) -> {
			for (Map.Entry<Object, Object> entry : legacy.entrySet()) {
				if (!(entry.getKey() instanceof KeyValue key)) {
					throw new IncompatibleStoreFile(file,
							"has a map '" + name + "' that looks like a unique index but holds a "
									+ entry.getKey().getClass().getName() + " key: move the file away to start empty");
				}
				if (copy.putIfAbsent(key, entry.getValue()) != null) {
					throw new IncompatibleStoreFile(file,
							"has two keys in unique index map '" + name + "' that are equal by value, " + key
									+ ", which the old key order told apart: remove one of those documents with the "
									+ "previous version, or move the file away to start empty");
				}
			}
		});
		log.info("Rebuilt index map '{}' ({} keys)", name, rebuilt.sizeAsLong());
	}

	/**
	 * Replaces a map with a copy of it in other types, built under a temporary name (left
	 * over from an upgrade cut short, it is dropped first) and renamed once complete.
	 * @param store the store, without auto-commit
	 * @param name the map
	 * @param types how the copy reads and writes its keys and values
	 * @param copy fills the copy from the map as it is
	 * @return the copy, now under the map's name
	 */
	private static <K, V> MVMap<K, V> replace(MVStore store, String name, MVMap.Builder<K, V> types,
			BiConsumer<MVMap<Object, Object>, MVMap<K, V>> copy) {
		String temporary = name + REBUILDING_SUFFIX;
		if (store.hasMap(temporary)) {
			store.removeMap(temporary);
		}
		MVMap<Object, Object> legacy = store.openMap(name);
		MVMap<K, V> copied = store.openMap(temporary, types);
		copy.accept(legacy, copied);
		store.removeMap(legacy);
		store.renameMap(copied, name);
		return copied;
	}

}
