package tributary.local.h2;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class StoreFormatTests {

	@TempDir
	Path dataDir;

	@Test
	void marksANewFileWithTheCurrentFormat() {
		Path file = this.dataDir.resolve("store.mv");
		new MongoServer(ValueOrderedH2Backend.open(file)).shutdownNow();

		assertThat(storeVersion(file)).isEqualTo(StoreFormat.CURRENT);
	}

	@Test
	void upgradesAFileWrittenByTheLibrarysBackendOnceAndKeepsItsDataAndConstraints() {
		Path file = this.dataDir.resolve("store.mv");
		List<ObjectId> objectIds = new ArrayList<>();
		MongoServer legacy = new MongoServer(libraryBackend(file));
		try (MongoClient client = MongoClients.create("mongodb://" + address(legacy))) {
			MongoCollection<Document> events = events(client);
			events.createIndex(Indexes.ascending("station", "hour"), new IndexOptions().unique(true));
			List<Document> documents = new ArrayList<>();
			// enough keys for many B-tree pages, whose serialized
			// order differs from value order
			for (int i = 0; i < 2000; i++) {
				ObjectId objectId = new ObjectId();
				objectIds.add(objectId);
				documents.add(new Document("_id", (i % 2 == 0) ? "e-" + i : objectId).append("station", "s-" + (i % 40))
					.append("hour", i / 40));
			}
			events.insertMany(documents);
			events.insertOne(new Document("_id", 12).append("station", "x").append("hour", 0));
		}
		finally {
			legacy.shutdownNow();
		}
		assertThat(storeVersion(file)).isZero();

		MongoServer upgraded = new MongoServer(ValueOrderedH2Backend.open(file));
		try (MongoClient client = MongoClients.create("mongodb://" + address(upgraded))) {
			MongoCollection<Document> events = events(client);
			assertThat(events.countDocuments()).isEqualTo(2001);
			for (int i = 0; i < 2000; i++) {
				Object id = (i % 2 == 0) ? "e-" + i : objectIds.get(i);
				assertThat(events.find(Filters.eq("_id", id)).first()).as("document %s", id)
					.containsEntry("hour", i / 40);
			}
			assertThat(events.find(Filters.eq("_id", 12.0)).first()).containsEntry("station", "x");
			assertDuplicate(() -> events.insertOne(new Document("_id", "e-1998")));
			assertDuplicate(() -> events.insertOne(new Document("_id", objectIds.get(1))));
			assertDuplicate(() -> events.insertOne(new Document("_id", 12L)));
			assertDuplicate(
					() -> events.insertOne(new Document("_id", "new").append("station", "s-7").append("hour", 3)));
			events.insertOne(new Document("_id", "e-2000").append("station", "s-0").append("hour", 50));
		}
		finally {
			upgraded.shutdownNow();
		}
		assertThat(storeVersion(file)).isEqualTo(StoreFormat.CURRENT);
	}

	@Test
	void rewritesTheKeysAndDocumentsOfAFileWithValueOrderedIndexesInBsonOnce() {
		Path file = this.dataDir.resolve("store.mv");
		MongoServer library = new MongoServer(libraryBackend(file));
		try (MongoClient client = MongoClients.create("mongodb://" + address(library))) {
			List<Document> documents = new ArrayList<>();
			for (int i = 0; i < 500; i++) {
				documents.add(new Document("_id", "e-" + i).append("station", "s-" + (i % 7))
					.append("observedAt", java.util.Date.from(java.time.Instant.ofEpochSecond(i))));
			}
			events(client).insertMany(documents);
		}
		finally {
			library.shutdownNow();
		}
		toValueOrderedIndexes(file);

		MongoServer upgraded = new MongoServer(ValueOrderedH2Backend.open(file));
		try (MongoClient client = MongoClients.create("mongodb://" + address(upgraded))) {
			MongoCollection<Document> events = events(client);
			assertThat(events.countDocuments()).isEqualTo(500);
			assertThat(events.find(Filters.eq("_id", "e-321")).first()).containsEntry("station", "s-6")
				.containsEntry("observedAt", java.util.Date.from(java.time.Instant.ofEpochSecond(321)));
			assertDuplicate(() -> events.insertOne(new Document("_id", "e-0")));
			events.insertOne(new Document("_id", "e-500").append("station", "s-3"));
		}
		finally {
			upgraded.shutdownNow();
		}

		assertThat(storeVersion(file)).isEqualTo(StoreFormat.CURRENT);
		MVStore current = new MVStore.Builder().fileName(file.toString()).readOnly().open();
		try {
			// every document reads back through the BSON type: none is left
			// Java-serialized
			MVMap<Object, de.bwaldvogel.mongo.bson.Document> rewritten = current.openMap("databases.tributary.events",
					StoreFormat.dataMap());
			assertThat(rewritten.values()).hasSize(501)
				.allSatisfy((document) -> assertThat(document.get("station")).asString().startsWith("s-"));
			MVMap<KeyValue, Object> index = current.openMap("tributary.events._index__id_", StoreFormat.indexMap());
			assertThat(index.keySet()).hasSize(501).contains(new KeyValue("e-0"), new KeyValue("e-500"));
		}
		finally {
			current.close();
		}
	}

	@Test
	void keepsADocumentUpdatedAfterItsPageWasWrittenAsUpdated() {
		Path file = this.dataDir.resolve("store.mv");
		ValueOrderedH2Backend backend = ValueOrderedH2Backend.open(file);
		MongoServer server = new MongoServer(backend);
		try (MongoClient client = MongoClients.create("mongodb://" + address(server))) {
			MongoCollection<Document> events = events(client);
			List<Document> documents = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				documents.add(new Document("_id", "e-" + i).append("count", 0));
			}
			events.insertMany(documents);
			// written, and its encodings remembered
			backend.getMvStore().commit();
			for (int i = 0; i < 100; i += 3) {
				events.updateOne(Filters.eq("_id", "e-" + i), com.mongodb.client.model.Updates.inc("count", i));
			}
			backend.getMvStore().commit();
		}
		finally {
			server.shutdownNow();
		}

		MongoServer reopened = new MongoServer(ValueOrderedH2Backend.open(file));
		try (MongoClient client = MongoClients.create("mongodb://" + address(reopened))) {
			for (Document document : events(client).find()) {
				int i = Integer.parseInt(document.getString("_id").substring(2));
				assertThat(document.getInteger("count")).as("count of %s", document.get("_id"))
					.isEqualTo((i % 3 == 0) ? i : 0);
			}
		}
		finally {
			reopened.shutdownNow();
		}
	}

	@Test
	void keepsTheDocumentsOfANewCollectionInInsertionOrderAcrossRestarts() {
		Path file = this.dataDir.resolve("store.mv");
		List<String> inserted = new ArrayList<>();
		MongoServer server = new MongoServer(ValueOrderedH2Backend.open(file));
		try (MongoClient client = MongoClients.create("mongodb://" + address(server))) {
			MongoCollection<Document> events = events(client);
			// ids against their own order, as a consumer behind the others inserts them
			for (int i = 99; i >= 0; i--) {
				inserted.add("e-" + i);
			}
			events.insertMany(inserted.stream().map((id) -> new Document("_id", id).append("n", 0)).toList());
			events.updateOne(Filters.eq("_id", "e-50"), com.mongodb.client.model.Updates.set("n", 50));
			events.deleteOne(Filters.eq("_id", "e-7"));
			inserted.remove("e-7");
			assertDuplicate(() -> events.insertOne(new Document("_id", "e-3")));
		}
		finally {
			server.shutdownNow();
		}

		MongoServer reopened = new MongoServer(ValueOrderedH2Backend.open(file));
		try (MongoClient client = MongoClients.create("mongodb://" + address(reopened))) {
			MongoCollection<Document> events = events(client);
			events.insertOne(new Document("_id", "e-100").append("n", 0));
			inserted.add("e-100");
			assertThat(events.find().map((document) -> document.getString("_id"))).containsExactlyElementsOf(inserted);
			assertThat(events.find(Filters.eq("_id", "e-50")).first()).containsEntry("n", 50);
			assertThat(events.find(Filters.eq("_id", "e-7")).first()).isNull();
			assertDuplicate(() -> events.insertOne(new Document("_id", "e-100")));
		}
		finally {
			reopened.shutdownNow();
		}

		MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
		try {
			MVMap<Object, de.bwaldvogel.mongo.bson.Document> data = store.openMap("databases.tributary.events",
					StoreFormat.dataMap());
			List<Object> positions = new ArrayList<>(data.keySet());
			assertThat(positions).hasSize(100).allSatisfy((position) -> assertThat(position).isInstanceOf(Long.class));
			assertThat(positions.get(0)).isEqualTo(0L);
			// the deleted document's number is not given out again
			assertThat(positions.get(99)).isEqualTo(100L);
		}
		finally {
			store.close();
		}
	}

	@Test
	void opensAFormatTwoFileWithoutRewritingItAndKeepsItsCollectionsKeyedById() {
		Path file = this.dataDir.resolve("store.mv");
		MongoServer library = new MongoServer(libraryBackend(file));
		try (MongoClient client = MongoClients.create("mongodb://" + address(library))) {
			events(client).insertMany(List.of(new Document("_id", "b"), new Document("_id", "a")));
		}
		finally {
			library.shutdownNow();
		}
		// upgraded to BSON with collections keyed by id: what format 2 wrote
		ValueOrderedH2Backend.open(file).getMvStore().close();
		MVStore formatTwo = MVStore.open(file.toString());
		formatTwo.setStoreVersion(StoreFormat.BSON_DOCUMENTS);
		formatTwo.close();

		MongoServer server = new MongoServer(ValueOrderedH2Backend.open(file));
		try (MongoClient client = MongoClients.create("mongodb://" + address(server))) {
			MongoCollection<Document> events = events(client);
			events.insertOne(new Document("_id", "c"));
			assertThat(events.find().map((document) -> document.getString("_id"))).containsExactly("a", "b", "c");
			assertDuplicate(() -> events.insertOne(new Document("_id", "a")));
			MongoCollection<Document> fresh = client.getDatabase("tributary").getCollection("fresh");
			fresh.insertMany(List.of(new Document("_id", "z"), new Document("_id", "y")));
			assertThat(fresh.find().map((document) -> document.getString("_id"))).containsExactly("z", "y");
		}
		finally {
			server.shutdownNow();
		}
		assertThat(storeVersion(file)).isEqualTo(StoreFormat.CURRENT);
		MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
		try {
			assertThat(store.openMap("databases.tributary.events", StoreFormat.dataMap()).keySet()).containsExactly("a",
					"b", "c");
		}
		finally {
			store.close();
		}
	}

	@Test
	void refusesAFileOfANewerFormatNamingItAndLeavingItAlone() {
		Path file = this.dataDir.resolve("store.mv");
		MVStore newer = MVStore.open(file.toString());
		newer.setStoreVersion(StoreFormat.CURRENT + 1);
		newer.close();

		assertThatExceptionOfType(IncompatibleStoreFile.class).isThrownBy(() -> ValueOrderedH2Backend.open(file))
			.withMessageContaining(file.toAbsolutePath().toString())
			.withMessageContaining("newer");
		assertThat(storeVersion(file)).isEqualTo(StoreFormat.CURRENT + 1);
	}

	@Test
	void refusesToUpgradeAnIndexWhoseKeysCollideByValueAndChangesNothing() throws Exception {
		Path file = this.dataDir.resolve("store.mv");
		MVStore legacy = MVStore.open(file.toString());
		legacy.openMap("databases.db.events").put("a", new de.bwaldvogel.mongo.bson.Document("_id", "a"));
		MVMap<Object, Object> index = legacy.openMap("db.events._index__id_");
		// told apart by their serialization, one key by value
		index.put(new KeyValue(1.0), "a");
		index.put(new KeyValue(1), "b");
		legacy.close();
		byte[] before = Files.readAllBytes(file);

		assertThatExceptionOfType(IncompatibleStoreFile.class).isThrownBy(() -> ValueOrderedH2Backend.open(file))
			.withMessageContaining(file.toAbsolutePath().toString())
			.withMessageContaining("db.events._index__id_");
		assertThat(Files.readAllBytes(file)).isEqualTo(before);
	}

	/**
	 * What format 1 was: the library's file with its unique indexes rebuilt in value
	 * order, keys and documents still Java-serialized.
	 */
	private static void toValueOrderedIndexes(Path file) {
		MVStore store = MVStore.open(file.toString());
		for (String name : new ArrayList<>(store.getMapNames())) {
			if (name.contains("._index_")) {
				MVMap<Object, Object> legacy = store.openMap(name);
				MVMap<KeyValue, Object> rebuilt = store.openMap(name + ".v1",
						new MVMap.Builder<KeyValue, Object>().keyType(new FormatOneKeys()));
				legacy.forEach((key, position) -> rebuilt.put((KeyValue) key, position));
				store.removeMap(legacy);
				store.renameMap(rebuilt, name);
			}
		}
		store.setStoreVersion(StoreFormat.VALUE_ORDERED_INDEXES);
		store.close();
	}

	/** Keys in value order, written as H2 writes any object. */
	private static final class FormatOneKeys extends org.h2.mvstore.type.BasicDataType<KeyValue> {

		private final org.h2.mvstore.type.ObjectDataType file = new org.h2.mvstore.type.ObjectDataType();

		@Override
		public int compare(KeyValue a, KeyValue b) {
			return ValueOrder.compareKeys(a, b);
		}

		@Override
		public int getMemory(KeyValue key) {
			return 100;
		}

		@Override
		public void write(org.h2.mvstore.WriteBuffer buffer, KeyValue key) {
			this.file.write(buffer, key);
		}

		@Override
		public KeyValue read(java.nio.ByteBuffer buffer) {
			return (KeyValue) this.file.read(buffer);
		}

		@Override
		public KeyValue[] createStorage(int size) {
			return new KeyValue[size];
		}

	}

	/**
	 * The library's own backend on a file, without its background writer: H2's default
	 * key type is not safe to share between that thread and the inserting one (it
	 * remembers the last type it saw), which made these fixtures fail now and then. The
	 * file is written on shutdown instead.
	 */
	private static H2Backend libraryBackend(Path file) {
		return new H2Backend(new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open());
	}

	private static int storeVersion(Path file) {
		MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open();
		try {
			return store.getStoreVersion();
		}
		finally {
			store.close();
		}
	}

	private static String address(MongoServer server) {
		return server.bind().getHostString() + ":" + server.getLocalAddress().getPort();
	}

	private static MongoCollection<Document> events(MongoClient client) {
		return client.getDatabase("tributary").getCollection("events");
	}

	private static void assertDuplicate(Runnable write) {
		assertThatExceptionOfType(MongoWriteException.class).isThrownBy(write::run)
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(11000));
	}

}
