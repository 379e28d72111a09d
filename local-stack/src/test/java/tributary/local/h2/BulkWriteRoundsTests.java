package tributary.local.h2;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@code bulkWrite} is one write command of the backend: its reply leaves after one
 * durable round, whatever the collections it writes to.
 */
class BulkWriteRoundsTests {

	@TempDir
	Path dataDir;

	@Test
	void waitsForOneDurableRoundForTheWritesOfSeveralCollections() {
		ValueOrderedH2Backend backend = ValueOrderedH2Backend.open(this.dataDir.resolve("store.mv"));
		try {
			long roundsBefore = backend.durabilityStatistics()[0];
			List<Object> ops = new ArrayList<>();
			for (int i = 0; i < 30; i++) {
				ops.add(new Document("insert", i % 3).append("document", new Document("_id", "e-" + i)));
			}
			ops.add(new Document("update", 2).append("filter", new Document("_id", "x"))
				.append("updateMods", new Document("$set", new Document("n", 1)))
				.append("upsert", true));
			Document command = new Document("bulkWrite", 1).append("ops", ops)
				.append("nsInfo",
						List.of(new Document("ns", "db.a"), new Document("ns", "db.b"), new Document("ns", "db.c")))
				.append("ordered", false);

			EmbeddedChannel connection = new EmbeddedChannel();
			Document reply = backend.handleCommand(connection, "admin", "bulkWrite", command);
			connection.writeOutbound(reply);
			await().atMost(Duration.ofMinutes(1)).until(() -> {
				connection.runPendingTasks();
				return connection.outboundMessages().size() == 1;
			});

			assertThat(reply).containsEntry("nInserted", 30).containsEntry("nUpserted", 1).containsEntry("nErrors", 0);
			assertThat(backend.durabilityStatistics()[0] - roundsBefore).isEqualTo(1);
			assertThat(backend.resolveDatabase("db").resolveCollection("c", false).count()).isEqualTo(11);
		}
		finally {
			backend.close();
		}
	}

}
