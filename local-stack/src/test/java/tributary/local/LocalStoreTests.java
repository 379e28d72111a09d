package tributary.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

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
