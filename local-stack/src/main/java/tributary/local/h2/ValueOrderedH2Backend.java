package tributary.local.h2;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

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
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.jspecify.annotations.Nullable;

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
 *
 * <p>
 * A file-backed backend answers a command that may write only once its changes are
 * committed and synced to the file ({@link GroupCommit}, {@link DurableReplies}); the
 * library alone leaves that to H2's background writer, about once a second, so an
 * acknowledged write could be lost to {@code kill -9}. Reads are answered at once.
 *
 * <p>
 * It also answers MongoDB 8's cross-collection {@code bulkWrite} on {@code admin}
 * ({@link BulkWriteCommand}), which the library does not: the writes of many collections
 * in one command, which waits for one durable round.
 */
public final class ValueOrderedH2Backend extends H2Backend {

	/**
	 * Commands that never change the store, answered without waiting for a commit; any
	 * other command, known or not, waits.
	 */
	private static final Set<String> READS = Set.of("find", "getMore", "count", "distinct", "listCollections",
			"listIndexes", "listDatabases", "hello", "isMaster", "ismaster", "ping", "buildInfo", "buildinfo",
			"serverStatus", "dbStats", "dbstats", "collStats", "collstats", "connectionStatus", "whatsmyuri",
			"getParameter", "getCmdLineOpts", "hostInfo", "getLog", "killCursors", "endSessions", "explain",
			"currentOp", "validate", "getLastError", "getlasterror", "getFreeMonitoringStatus", "saslStart",
			"saslContinue", "startSession");

	/**
	 * H2's cache of pages read or written, in MB of its estimate of their size on the
	 * heap: a quarter of its default. The pages hold the decoded documents, and what a
	 * cache holds for longer than the half second between two young collections is copied
	 * by the collector, then promoted: with 64 MB, every stored document was, and the
	 * store spent a fifth of its time in G1's pauses under the end-to-end load (10-12 s
	 * of pauses a minute, 2-6 s with 4 MB; bench/end-to-end/BENCHMARKS.md). New documents
	 * are appended to the right-hand pages, which a small cache still holds, and the
	 * aggregates' hot pages stay in it.
	 */
	public static final int DEFAULT_CACHE_MB = 4;

	private final @Nullable GroupCommit commits;

	private ValueOrderedH2Backend(MVStore store, boolean durable) {
		super(store);
		this.commits = durable ? new GroupCommit(store) : null;
	}

	/**
	 * Opens (or creates) the store file, upgrading a file written by the library's own H2
	 * backend once; writes are acknowledged once they are on disk.
	 * @param file the MVStore file
	 * @return the backend
	 * @throws IncompatibleStoreFile if the file cannot be used, with what to do
	 */
	public static ValueOrderedH2Backend open(Path file) {
		return open(file, true);
	}

	/**
	 * Opens (or creates) the store file, upgrading a file written by the library's own H2
	 * backend once.
	 * @param file the MVStore file
	 * @param durable whether a write is acknowledged only once it is committed and synced
	 * to the file; without, H2 commits in the background and an acknowledged write can be
	 * lost to a crash (for measurements, and for the test that shows it)
	 * @return the backend
	 * @throws IncompatibleStoreFile if the file cannot be used, with what to do
	 */
	public static ValueOrderedH2Backend open(Path file, boolean durable) {
		return open(file, durable, DEFAULT_CACHE_MB);
	}

	/**
	 * Opens (or creates) the store file, upgrading a file written by the library's own H2
	 * backend once.
	 * @param file the MVStore file
	 * @param durable whether a write is acknowledged only once it is committed and synced
	 * to the file, see {@link #open(Path, boolean)}
	 * @param cacheMb the size of H2's page cache, in MB, at least 1
	 * ({@link #DEFAULT_CACHE_MB} by default)
	 * @return the backend
	 * @throws IllegalArgumentException if {@code cacheMb} is less than 1
	 * @throws IncompatibleStoreFile if the file cannot be used, with what to do
	 */
	public static ValueOrderedH2Backend open(Path file, boolean durable, int cacheMb) {
		if (cacheMb < 1) {
			throw new IllegalArgumentException("The page cache needs at least 1 MB but was given " + cacheMb);
		}
		return new ValueOrderedH2Backend(StoreFormat.open(file, cacheMb), durable);
	}

	/**
	 * A backend that keeps everything in memory, so never waits for a disk.
	 * @return the backend
	 */
	public static ValueOrderedH2Backend inMemory() {
		return new ValueOrderedH2Backend(StoreFormat.inMemory(), false);
	}

	/**
	 * What making writes durable cost so far, for measurements.
	 * @return commit and sync rounds, then nanoseconds waiting for running write commands
	 * to end, committing (write commands wait) and syncing; zeros for a backend that does
	 * not sync
	 */
	public long[] durabilityStatistics() {
		return (this.commits != null) ? this.commits.statistics() : new long[4];
	}

	@Override
	public Document handleCommand(@Nullable Channel channel, String databaseName, String command, Document query) {
		Supplier<Document> handling = BulkWriteCommand.isBulkWrite(databaseName, command)
				? () -> BulkWriteCommand.run(query,
						(database, inner, innerQuery) -> super.handleCommand(channel, database, inner, innerQuery))
				: () -> super.handleCommand(channel, databaseName, command, query);
		GroupCommit commits = this.commits;
		if (commits == null || READS.contains(command) || isReadOnlyAggregate(command, query)) {
			return handling.get();
		}
		try {
			// a bulkWrite's inner commands too: one command, one durable round
			return commits.command(handling);
		}
		finally {
			// after a failure too: an ordered insert may have written part of its batch
			CompletableFuture<Void> durable = commits.durable();
			if (channel != null) {
				DurableReplies.holdNextReply(channel, durable);
			}
			else {
				durable.join();
			}
		}
	}

	private static boolean isReadOnlyAggregate(String command, Document query) {
		if (!"aggregate".equals(command) || !(query.get("pipeline") instanceof List<?> pipeline)) {
			return false;
		}
		for (Object stage : pipeline) {
			if (!(stage instanceof Document document) || document.containsKey("$out")
					|| document.containsKey("$merge")) {
				return false;
			}
		}
		return true;
	}

	/** Takes a last commit for the writes in flight, then closes the file. */
	@Override
	public void close() {
		if (this.commits != null) {
			this.commits.close();
		}
		super.close();
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
			// the library's name for the map, so its dropIndex,
			// dropCollection and drop find it
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

		/**
		 * The library's size accounting encodes every document inserted, and both the old
		 * and the new of every update, only to count their bytes; a tenth of the store's
		 * CPU under the warehouse. Here the same sizes are counted from the encoding the
		 * data map needs anyway when it writes the document's page
		 * ({@link DocumentDataType}), made once and kept.
		 */
		@Override
		protected boolean tracksDataSize() {
			return false;
		}

		@Override
		protected Object addDocumentInternal(Document document) {
			Object position;
			if (this.insertionOrdered) {
				Long next = this.next++;
				this.data.put(next, document);
				position = next;
			}
			else {
				position = super.addDocumentInternal(document);
			}
			updateDataSize(this.documents.size(document));
			return position;
		}

		@Override
		protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
			// the library has just changed the stored document in place (newDocument);
			// oldDocument is its copy from before the change
			this.documents.changed(newDocument);
			super.handleUpdate(position, oldDocument, newDocument);
			updateDataSize(this.documents.size(newDocument) - TaggedBson.size(oldDocument));
		}

		@Override
		protected void removeDocument(Object position) {
			Document removed = this.data.get(position);
			super.removeDocument(position);
			if (removed != null) {
				updateDataSize(-this.documents.size(removed));
			}
		}

	}

}
