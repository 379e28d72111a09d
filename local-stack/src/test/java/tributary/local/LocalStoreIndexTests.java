package tributary.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the store's value-ordered unique indexes must keep doing, through the MongoDB Java
 * driver: MongoDB's rules for duplicate keys and lookups, in memory and in the file.
 */
class LocalStoreIndexTests {

	@TempDir
	Path dataDir;

	@Test
	void rejectsADuplicateIdWithE11000() {
		try (LocalStore store = LocalStore.inMemory(); MongoClient client = MongoClients.create(store.uri(""))) {
			MongoCollection<Document> events = collection(client);
			events.insertOne(new Document("_id", "e-1"));

			assertThatExceptionOfType(MongoWriteException.class)
				.isThrownBy(() -> events.insertOne(new Document("_id", "e-1").append("text", "again")))
				.satisfies((ex) -> assertThat(ex.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY))
				.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(11000));
			assertThat(events.find(Filters.eq("_id", "e-1")).first()).doesNotContainKey("text");
		}
	}

	@Test
	void insertsTheRestOfAnUnorderedBatchAroundDuplicates() {
		try (LocalStore store = LocalStore.inMemory(); MongoClient client = MongoClients.create(store.uri(""))) {
			MongoCollection<Document> events = collection(client);
			events.insertOne(new Document("_id", "e-2"));
			List<Document> batch = List.of(new Document("_id", "e-1"), new Document("_id", "e-2"),
					new Document("_id", "e-3"), new Document("_id", "e-3"));

			assertThatExceptionOfType(MongoBulkWriteException.class)
				.isThrownBy(() -> events.insertMany(batch, new InsertManyOptions().ordered(false)))
				.satisfies((ex) -> assertThat(ex.getWriteErrors()).extracting((error) -> error.getCode())
					.containsExactly(11000, 11000));
			assertThat(events.countDocuments()).isEqualTo(3);
		}
	}

	@Test
	void holdsIntLongAndDoubleIdsOfEqualValueForOneKeyAsMongoDbDoes() {
		try (LocalStore store = LocalStore.inMemory(); MongoClient client = MongoClients.create(store.uri(""))) {
			MongoCollection<Document> events = collection(client);
			events.insertOne(new Document("_id", 1).append("text", "int"));

			assertDuplicate(() -> events.insertOne(new Document("_id", 1L)));
			assertDuplicate(() -> events.insertOne(new Document("_id", 1.0)));
			assertThat(events.find(Filters.eq("_id", 1L)).first()).containsEntry("text", "int");
			assertThat(events.find(Filters.eq("_id", 1.0)).first()).containsEntry("text", "int");
			events.insertOne(new Document("_id", 1.5));
			events.insertOne(new Document("_id", (1L << 53) + 1));
			events.insertOne(new Document("_id", (double) (1L << 53)));
			assertThat(events.countDocuments()).isEqualTo(4);
		}
	}

	@Test
	void findsDocumentsByIdsOfEveryCommonType() {
		try (LocalStore store = LocalStore.inMemory(); MongoClient client = MongoClients.create(store.uri(""))) {
			MongoCollection<Document> events = collection(client);
			ObjectId objectId = new ObjectId();
			List<Object> ids = List.of("s-1", objectId, 42, 7_000_000_000L, 2.5,
					new Document("topic", "t").append("n", 3), new Date(1_700_000_000_000L),
					new Binary(new byte[] { 1, 2, 3 }), true);
			for (Object id : ids) {
				events.insertOne(new Document("_id", id).append("type", id.getClass().getSimpleName()));
			}

			for (Object id : ids) {
				assertThat(events.find(Filters.eq("_id", id)).first()).as("by %s", id)
					.containsEntry("type", id.getClass().getSimpleName());
			}
			assertThat(events.find(Filters.in("_id", "s-1", 42L, objectId)).into(new ArrayList<>())).hasSize(3);
			assertThat(events.find(Filters.eq("_id", new Document("n", 3).append("topic", "t"))).first())
				.as("a document id with its fields in another order is another id")
				.isNull();
		}
	}

	@Test
	void enforcesACompoundUniqueIndex() {
		try (LocalStore store = LocalStore.inMemory(); MongoClient client = MongoClients.create(store.uri(""))) {
			MongoCollection<Document> readings = collection(client);
			readings.createIndex(Indexes.ascending("station", "hour"), new IndexOptions().unique(true));
			readings.insertOne(new Document("_id", 1).append("station", "berlin").append("hour", 10));
			readings.insertOne(new Document("_id", 2).append("station", "berlin").append("hour", 11));
			readings.insertOne(new Document("_id", 3).append("station", "paris").append("hour", 10));

			assertDuplicate(
					() -> readings.insertOne(new Document("_id", 4).append("station", "berlin").append("hour", 10.0)));
			assertDuplicate(() -> readings.updateOne(Filters.eq("_id", 2), Updates.set("hour", 10)));
			readings.updateOne(Filters.eq("_id", 1), Updates.set("hour", 12));
			readings.insertOne(new Document("_id", 5).append("station", "berlin").append("hour", 10));
			assertThat(readings.find(Filters.and(Filters.eq("station", "berlin"), Filters.eq("hour", 10))).first())
				.containsEntry("_id", 5);
		}
	}

	@Test
	void tellsApartValuesWithNestedArraysInAUniqueIndex() {
		try (LocalStore store = LocalStore.inMemory(); MongoClient client = MongoClients.create(store.uri(""))) {
			MongoCollection<Document> events = collection(client);
			events.createIndex(Indexes.ascending("shape"), new IndexOptions().unique(true));
			events.insertOne(new Document("_id", 1).append("shape", new Document("sides", List.of(1, 2))));
			events.insertOne(new Document("_id", 2).append("shape", new Document("sides", List.of(1, 3))));

			assertDuplicate(() -> events
				.insertOne(new Document("_id", 3).append("shape", new Document("sides", List.of(1L, 3.0)))));
			assertThat(events.countDocuments()).isEqualTo(2);
		}
	}

	@Test
	void letsAnIdBeReusedOnceItsDocumentIsDeleted() {
		try (LocalStore store = LocalStore.inMemory(); MongoClient client = MongoClients.create(store.uri(""))) {
			MongoCollection<Document> events = collection(client);
			events.insertOne(new Document("_id", "e-1").append("text", "first"));
			events.deleteOne(Filters.eq("_id", "e-1"));
			events.insertOne(new Document("_id", "e-1").append("text", "second"));

			assertThat(events.find(Filters.eq("_id", "e-1")).first()).containsEntry("text", "second");
		}
	}

	@Test
	void keepsDocumentsAndUniqueIndexesAcrossARestart() throws Exception {
		ObjectId objectId = new ObjectId();
		try (LocalStore store = LocalStore.persistent(this.dataDir, 0);
				MongoClient client = MongoClients.create(store.uri(""))) {
			MongoCollection<Document> events = collection(client);
			events.createIndex(Indexes.ascending("station", "hour"), new IndexOptions().unique(true));
			List<Document> documents = new ArrayList<>();
			for (int i = 0; i < 3000; i++) {
				documents.add(new Document("_id", "e-" + i).append("station", "s-" + (i % 50)).append("hour", i / 50));
			}
			events.insertMany(documents);
			events.insertOne(new Document("_id", objectId).append("station", "x").append("hour", 1));
			events.insertOne(new Document("_id", 7).append("station", "x").append("hour", 2));
		}

		try (LocalStore store = LocalStore.persistent(this.dataDir, 0);
				MongoClient client = MongoClients.create(store.uri(""))) {
			MongoCollection<Document> events = collection(client);
			assertThat(events.countDocuments()).isEqualTo(3002);
			for (int i = 0; i < 3000; i += 7) {
				assertThat(events.find(Filters.eq("_id", "e-" + i)).first()).containsEntry("hour", i / 50);
			}
			assertThat(events.find(Filters.eq("_id", objectId)).first()).containsEntry("hour", 1);
			assertThat(events.find(Filters.eq("_id", 7.0)).first()).containsEntry("hour", 2);
			assertDuplicate(() -> events.insertOne(new Document("_id", "e-2999")));
			assertDuplicate(() -> events.insertOne(new Document("_id", 7L)));
			assertDuplicate(
					() -> events.insertOne(new Document("_id", "new").append("station", "s-3").append("hour", 1)));
			events.insertOne(new Document("_id", "e-3000").append("station", "s-0").append("hour", 60));
		}
	}

	@Test
	void dropsAnIndexSoItsValuesMayRepeatAlsoAfterARestart() throws Exception {
		try (LocalStore store = LocalStore.persistent(this.dataDir, 0);
				MongoClient client = MongoClients.create(store.uri(""))) {
			MongoCollection<Document> events = collection(client);
			String index = events.createIndex(Indexes.ascending("code"), new IndexOptions().unique(true));
			events.insertOne(new Document("_id", 1).append("code", "a"));
			assertDuplicate(() -> events.insertOne(new Document("_id", 2).append("code", "a")));

			events.dropIndex(index);
			events.insertOne(new Document("_id", 2).append("code", "a"));
			assertThat(indexNames(events)).containsExactly("_id_");
		}

		try (LocalStore store = LocalStore.persistent(this.dataDir, 0);
				MongoClient client = MongoClients.create(store.uri(""))) {
			MongoCollection<Document> events = collection(client);
			assertThat(indexNames(events)).containsExactly("_id_");
			events.insertOne(new Document("_id", 3).append("code", "a"));
			assertThat(events.countDocuments(Filters.eq("code", "a"))).isEqualTo(3);
		}
	}

	@Test
	void dropsACollectionWithItsIndexesAlsoAfterARestart() throws Exception {
		try (LocalStore store = LocalStore.persistent(this.dataDir, 0);
				MongoClient client = MongoClients.create(store.uri(""))) {
			MongoCollection<Document> events = collection(client);
			events.createIndex(Indexes.ascending("code"), new IndexOptions().unique(true));
			events.insertOne(new Document("_id", 1).append("code", "a"));
			events.drop();

			events.insertOne(new Document("_id", 1).append("code", "a"));
			events.insertOne(new Document("_id", 2).append("code", "a"));
			assertThat(events.countDocuments()).isEqualTo(2);
		}

		try (LocalStore store = LocalStore.persistent(this.dataDir, 0);
				MongoClient client = MongoClients.create(store.uri(""))) {
			MongoCollection<Document> events = collection(client);
			assertThat(events.countDocuments()).isEqualTo(2);
			assertDuplicate(() -> events.insertOne(new Document("_id", 2)));
		}
	}

	@Test
	void dropsADatabaseAlsoAfterARestart() throws Exception {
		try (LocalStore store = LocalStore.persistent(this.dataDir, 0);
				MongoClient client = MongoClients.create(store.uri(""))) {
			collection(client).insertOne(new Document("_id", "e-1"));
			client.getDatabase("kept").getCollection("things").insertOne(new Document("_id", "k-1"));
			client.getDatabase("tributary").drop();

			assertThat(client.listDatabaseNames().into(new ArrayList<>())).doesNotContain("tributary");
			collection(client).insertOne(new Document("_id", "e-1").append("text", "new"));
		}

		try (LocalStore store = LocalStore.persistent(this.dataDir, 0);
				MongoClient client = MongoClients.create(store.uri(""))) {
			assertThat(collection(client).find().into(new ArrayList<>())).singleElement()
				.satisfies((document) -> assertThat(document).containsEntry("text", "new"));
			assertThat(client.getDatabase("kept").getCollection("things").find(Filters.eq("_id", "k-1")).first())
				.isNotNull();
		}
	}

	private static List<String> indexNames(MongoCollection<Document> collection) {
		return collection.listIndexes().map((index) -> index.getString("name")).into(new ArrayList<>());
	}

	private static void assertDuplicate(Runnable write) {
		assertThatExceptionOfType(MongoWriteException.class).isThrownBy(write::run)
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(11000));
	}

	private static MongoCollection<Document> collection(MongoClient client) {
		return client.getDatabase("tributary").getCollection("events");
	}

}
