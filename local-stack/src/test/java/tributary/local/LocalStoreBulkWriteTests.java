package tributary.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * MongoDB 8's {@code bulkWrite} command, sent by the real driver as a command document to
 * {@code admin}, as the warehouse sends it.
 */
class LocalStoreBulkWriteTests {

	@TempDir
	Path dataDir;

	@Test
	void writesToSeveralCollectionsInOneCommandWithResultsByIndex() {
		try (LocalStore store = LocalStore.inMemory(); MongoClient client = MongoClients.create(store.uri(""))) {
			MongoDatabase db = client.getDatabase("tributary");
			db.getCollection("counts").insertOne(new Document("_id", "kept").append("n", 1));
			db.getCollection("gone").insertOne(new Document("_id", "old"));

			Document reply = bulkWrite(client, false, List.of("tributary.events", "tributary.counts", "tributary.gone"),
					insert(0, new Document("_id", "e-1")), insert(0, new Document("_id", "e-2")),
					update(1, new Document("_id", "kept"), new Document("$inc", new Document("n", 1)), false),
					update(1, new Document("_id", "new"), new Document("$set", new Document("n", 5)), true),
					insert(0, new Document("_id", "e-3")), new Document("delete", 2).append("filter", new Document()));

			assertThat(reply.getInteger("nErrors")).isZero();
			assertThat(reply.getInteger("nInserted")).isEqualTo(3);
			assertThat(reply.getInteger("nMatched")).isEqualTo(1);
			assertThat(reply.getInteger("nModified")).isEqualTo(1);
			assertThat(reply.getInteger("nUpserted")).isEqualTo(1);
			assertThat(reply.getInteger("nDeleted")).isEqualTo(1);
			List<Document> results = results(reply);
			assertThat(results).extracting((result) -> result.getInteger("idx")).containsExactly(0, 1, 2, 3, 4, 5);
			assertThat(results.get(3).get("upserted", Document.class)).containsEntry("_id", "new");
			assertThat(results.get(2)).containsEntry("n", 1).containsEntry("nModified", 1);
			assertThat(db.getCollection("events").countDocuments()).isEqualTo(3);
			assertThat(db.getCollection("counts").find(Filters.eq("_id", "kept")).first()).containsEntry("n", 2);
			assertThat(db.getCollection("counts").find(Filters.eq("_id", "new")).first()).containsEntry("n", 5);
			assertThat(db.getCollection("gone").countDocuments()).isZero();
		}
	}

	@Test
	void reportsDuplicateKeysByIndexAndRunsTheRestWhenUnordered() {
		try (LocalStore store = LocalStore.inMemory(); MongoClient client = MongoClients.create(store.uri(""))) {
			MongoDatabase db = client.getDatabase("tributary");
			db.getCollection("events").insertOne(new Document("_id", "e-2"));
			db.getCollection("counts").insertOne(new Document("_id", "c").append("version", 2));

			// the second upsert is a compare-and-set that lost: its filter misses, its
			// insert collides
			Document reply = bulkWrite(client, false, List.of("tributary.events", "tributary.counts"),
					insert(0, new Document("_id", "e-1")), insert(0, new Document("_id", "e-2")),
					insert(0, new Document("_id", "e-3")),
					update(1, new Document("_id", "c").append("version", 1), new Document("$set", new Document("n", 1)),
							true),
					update(1, new Document("_id", "d").append("version", 0), new Document("$set", new Document("n", 1)),
							true));

			assertThat(reply.getInteger("nErrors")).isEqualTo(2);
			assertThat(reply.getInteger("nInserted")).isEqualTo(2);
			assertThat(reply.getInteger("nUpserted")).isEqualTo(1);
			List<Document> errors = results(reply).stream()
				.filter((result) -> result.get("ok", Number.class).intValue() == 0)
				.toList();
			assertThat(errors).extracting((error) -> error.getInteger("idx")).containsExactly(1, 3);
			assertThat(errors).extracting((error) -> error.getInteger("code")).containsExactly(11000, 11000);
			assertThat(errors).allSatisfy((error) -> assertThat(error.getString("errmsg")).contains("duplicate key"));
			assertThat(db.getCollection("events").countDocuments()).isEqualTo(3);
			assertThat(db.getCollection("counts").find(Filters.eq("_id", "c")).first()).doesNotContainKey("n");
			assertThat(db.getCollection("counts").find(Filters.eq("_id", "d")).first()).containsEntry("n", 1);
		}
	}

	@Test
	void stopsAtTheFirstErrorWhenOrdered() {
		try (LocalStore store = LocalStore.inMemory(); MongoClient client = MongoClients.create(store.uri(""))) {
			MongoDatabase db = client.getDatabase("tributary");
			db.getCollection("events").insertOne(new Document("_id", "e-2"));

			Document reply = bulkWrite(client, true, List.of("tributary.events", "tributary.counts"),
					insert(0, new Document("_id", "e-1")), insert(0, new Document("_id", "e-2")),
					insert(0, new Document("_id", "e-3")),
					update(1, new Document("_id", "c"), new Document("$set", new Document("n", 1)), true));

			assertThat(reply.getInteger("nErrors")).isEqualTo(1);
			assertThat(results(reply)).extracting((result) -> result.getInteger("idx")).containsExactly(0, 1);
			assertThat(db.getCollection("events").countDocuments()).isEqualTo(2);
			assertThat(db.getCollection("counts").countDocuments()).isZero();
		}
	}

	@Test
	void answersOnlyTheErrorsWhenAskedTo() {
		try (LocalStore store = LocalStore.inMemory(); MongoClient client = MongoClients.create(store.uri(""))) {
			client.getDatabase("tributary").getCollection("events").insertOne(new Document("_id", "e-2"));
			Document command = command(false, List.of("tributary.events"), insert(0, new Document("_id", "e-1")),
					insert(0, new Document("_id", "e-2")))
				.append("errorsOnly", true);

			Document reply = client.getDatabase("admin").runCommand(command);

			assertThat(results(reply)).extracting((result) -> result.getInteger("idx")).containsExactly(1);
			assertThat(reply.getInteger("nInserted")).isEqualTo(1);
		}
	}

	@Test
	void refusesTheWholeCommandForAMissingNamespaceIndex() {
		try (LocalStore store = LocalStore.inMemory(); MongoClient client = MongoClients.create(store.uri(""))) {
			assertThatExceptionOfType(MongoCommandException.class)
				.isThrownBy(() -> bulkWrite(client, false, List.of("tributary.events"),
						insert(0, new Document("_id", "e-1")), insert(1, new Document("_id", "e-2"))))
				.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(2));
			assertThat(client.getDatabase("tributary").getCollection("events").countDocuments()).isZero();
		}
	}

	@Test
	void refusesTheWholeCommandForWhatItCannotDoExactly() {
		try (LocalStore store = LocalStore.inMemory(); MongoClient client = MongoClients.create(store.uri(""))) {
			List<Document> unsupported = List.of(
					update(0, new Document(), new Document("$set", new Document("a.$[x]", 1)), false)
						.append("arrayFilters", List.of(new Document("x", 1))),
					new Document("update", 0).append("filter", new Document())
						.append("updateMods", List.of(new Document("$set", new Document("a", 1)))),
					new Document("delete", 0).append("filter", new Document())
						.append("collation", new Document("locale", "fr")),
					insert(0, new Document("_id", "x")).append("surprise", true));
			for (Document op : unsupported) {
				assertThatExceptionOfType(MongoCommandException.class).as("%s", op)
					.isThrownBy(() -> bulkWrite(client, false, List.of("tributary.events"),
							insert(0, new Document("_id", "e-1")), op));
			}
			assertThat(client.getDatabase("tributary").getCollection("events").countDocuments()).isZero();
		}
	}

	@Test
	void hasTheWritesOfACommandInItsFileBeforeAnswering() throws Exception {
		Path copy = this.dataDir.resolve("copy");
		try (LocalStore store = LocalStore.persistent(this.dataDir.resolve("store"), 0);
				MongoClient client = MongoClients.create(store.uri(""))) {
			List<Document> ops = new ArrayList<>();
			for (int i = 0; i < 300; i++) {
				ops.add(insert(i % 2, new Document("_id", "e-" + i)));
			}
			ops.add(update(2, new Document("_id", "last"), new Document("$set", new Document("n", 1)), true));
			client.getDatabase("admin")
				.runCommand(command(false, List.of("tributary.a", "tributary.b", "tributary.c"),
						ops.toArray(Document[]::new)));
			// what kill -9 leaves: the file as it is now, without the store's last commit
			Files.createDirectories(copy);
			Files.copy(this.dataDir.resolve("store/store.mv"), copy.resolve("store.mv"));
		}

		try (LocalStore store = LocalStore.persistent(copy, 0);
				MongoClient client = MongoClients.create(store.uri(""))) {
			MongoDatabase db = client.getDatabase("tributary");
			assertThat(db.getCollection("a").countDocuments()).isEqualTo(150);
			assertThat(db.getCollection("b").countDocuments()).isEqualTo(150);
			assertThat(db.getCollection("c").find(Filters.eq("_id", "last")).first()).containsEntry("n", 1);
		}
	}

	static Document insert(int namespace, Document document) {
		return new Document("insert", namespace).append("document", document);
	}

	static Document update(int namespace, Document filter, Document updateMods, boolean upsert) {
		return new Document("update", namespace).append("filter", filter)
			.append("updateMods", updateMods)
			.append("upsert", upsert);
	}

	static Document command(boolean ordered, List<String> namespaces, Document... ops) {
		return new Document("bulkWrite", 1).append("ops", List.of(ops))
			.append("nsInfo", namespaces.stream().map((ns) -> new Document("ns", ns)).toList())
			.append("ordered", ordered)
			.append("writeConcern", new Document("w", 1).append("j", true));
	}

	private static Document bulkWrite(MongoClient client, boolean ordered, List<String> namespaces, Document... ops) {
		return client.getDatabase("admin").runCommand(command(ordered, namespaces, ops));
	}

	private static List<Document> results(Document reply) {
		Document cursor = reply.get("cursor", Document.class);
		assertThat(cursor.get("id", Number.class).longValue()).isZero();
		return cursor.getList("firstBatch", Document.class);
	}

}
