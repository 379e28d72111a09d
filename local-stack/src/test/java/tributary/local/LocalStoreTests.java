package tributary.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LocalStoreTests {

	@TempDir
	Path dataDir;

	@Test
	void keepsWhatWasWrittenAcrossARestart() throws Exception {
		try (LocalStore store = LocalStore.persistent(this.dataDir, 0);
				MongoClient client = MongoClients.create(store.uri(""))) {
			events(client).insertOne(new Document("_id", "e-1").append("text", "kept"));
		}

		try (LocalStore store = LocalStore.persistent(this.dataDir, 0);
				MongoClient client = MongoClients.create(store.uri(""))) {
			assertThat(events(client).find(new Document("_id", "e-1")).first()).containsEntry("text", "kept");
		}
	}

	@Test
	void hasAnAcknowledgedWriteInItsFileBeforeAnswering() throws Exception {
		Path copy = this.dataDir.resolve("copy");
		try (LocalStore store = LocalStore.persistent(this.dataDir.resolve("store"), 0);
				MongoClient client = MongoClients.create(store.uri(""))) {
			List<Document> batch = new ArrayList<>();
			for (int i = 0; i < 500; i++) {
				batch.add(new Document("_id", "e-" + i).append("text", "written"));
			}
			events(client).insertMany(batch);
			events(client).insertOne(new Document("_id", "last").append("text", "written"));
			// what kill -9 leaves: the file as it is now, without the store's last commit
			Files.createDirectories(copy);
			Files.copy(this.dataDir.resolve("store/store.mv"), copy.resolve("store.mv"));
		}

		try (LocalStore store = LocalStore.persistent(copy, 0);
				MongoClient client = MongoClients.create(store.uri(""))) {
			assertThat(events(client).countDocuments()).isEqualTo(501);
			assertThat(events(client).find(new Document("_id", "last")).first()).containsEntry("text", "written");
		}
	}

	@Test
	void keepsEveryDocumentRightWhenItsPagesLeaveASmallCache() throws Exception {
		// 1 MB holds a few hundred of these documents' pages: most are read back from the
		// file to be updated, then written again, then read back once more after a
		// restart
		int count = 20_000;
		String text = "x".repeat(300);
		try (LocalStore store = LocalStore.persistent(this.dataDir, 0, true, 1);
				MongoClient client = MongoClients.create(store.uri(""))) {
			for (int start = 0; start < count; start += 1_000) {
				List<Document> batch = new ArrayList<>();
				for (int i = start; i < start + 1_000; i++) {
					batch.add(new Document("_id", "e-" + i).append("n", i).append("text", text));
				}
				events(client).insertMany(batch);
			}
			List<UpdateOneModel<Document>> updates = new ArrayList<>();
			for (int i = 0; i < count; i += 7) {
				updates.add(new UpdateOneModel<>(Filters.eq("_id", "e-" + i), Updates.inc("n", count)));
			}
			events(client).bulkWrite(updates);
		}

		try (LocalStore store = LocalStore.persistent(this.dataDir, 0, true, 1);
				MongoClient client = MongoClients.create(store.uri(""))) {
			assertThat(events(client).countDocuments()).isEqualTo(count);
			int checked = 0;
			for (Document document : events(client).find()) {
				int i = Integer.parseInt(document.getString("_id").substring(2));
				assertThat(document.getInteger("n")).isEqualTo((i % 7 == 0) ? i + count : i);
				assertThat(document.getString("text")).isEqualTo(text);
				checked++;
			}
			assertThat(checked).isEqualTo(count);
		}
	}

	@Test
	void refusesAPageCacheOfLessThanOneMegabyte() {
		assertThatIllegalArgumentException().isThrownBy(() -> LocalStore.persistent(this.dataDir, 0, true, 0))
			.withMessage("The page cache needs at least 1 MB but was given 0");
		assertThat(this.dataDir.resolve("store.mv")).as("checked before the file is opened").doesNotExist();
	}

	@Test
	void answersPingLikeMongoDb() {
		try (LocalStore store = LocalStore.inMemory(); MongoClient client = MongoClients.create(store.uri(""))) {
			Document reply = client.getDatabase("admin").runCommand(new Document("ping", 1));
			assertThat(reply.get("ok")).isIn(1, 1.0);
		}
	}

	private static MongoCollection<Document> events(MongoClient client) {
		return client.getDatabase("tributary").getCollection("events");
	}

}
