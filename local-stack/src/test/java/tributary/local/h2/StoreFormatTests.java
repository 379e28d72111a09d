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

		assertThat(storeVersion(file)).isEqualTo(StoreFormat.VALUE_ORDERED_INDEXES);
	}

	@Test
	void upgradesAFileWrittenByTheLibrarysBackendOnceAndKeepsItsDataAndConstraints() {
		Path file = this.dataDir.resolve("store.mv");
		List<ObjectId> objectIds = new ArrayList<>();
		MongoServer legacy = new MongoServer(new H2Backend(file.toString()));
		try (MongoClient client = MongoClients.create("mongodb://" + address(legacy))) {
			MongoCollection<Document> events = events(client);
			events.createIndex(Indexes.ascending("station", "hour"), new IndexOptions().unique(true));
			List<Document> documents = new ArrayList<>();
			// enough keys for many B-tree pages, whose serialized order differs from
			// value order
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
		assertThat(storeVersion(file)).isEqualTo(StoreFormat.VALUE_ORDERED_INDEXES);
	}

	@Test
	void refusesAFileOfANewerFormatNamingItAndLeavingItAlone() {
		Path file = this.dataDir.resolve("store.mv");
		MVStore newer = MVStore.open(file.toString());
		newer.setStoreVersion(StoreFormat.VALUE_ORDERED_INDEXES + 1);
		newer.close();

		assertThatExceptionOfType(IncompatibleStoreFile.class).isThrownBy(() -> ValueOrderedH2Backend.open(file))
			.withMessageContaining(file.toAbsolutePath().toString())
			.withMessageContaining("newer");
		assertThat(storeVersion(file)).isEqualTo(StoreFormat.VALUE_ORDERED_INDEXES + 1);
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
