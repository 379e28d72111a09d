package tributary.warehouse.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tributary.warehouse.TestStore;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A batch's writes of several collections: one command where the store has
 * {@code bulkWrite}, one per collection where it has not, the same errors by index either
 * way.
 */
class BatchWritesTests {

	private final MongoTemplate mongo = TestStore.freshDatabase("batch-writes");

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void writesSeveralCollectionsInOneCommandAndReportsRefusedWritesByIndex() {
		AtomicInteger commands = new AtomicInteger();
		MongoTemplate counted = TestStore.withAdminCommands(this.mongo, (admin, command) -> {
			commands.incrementAndGet();
			return admin.runCommand(command);
		});
		BatchWrites writes = new BatchWrites(counted, this.meters);

		assertThatExceptionOfType(MongoBulkWriteException.class).isThrownBy(() -> writes.write("test", racing()))
			.satisfies((ex) -> {
				assertThat(ex.getWriteConcernError()).isNull();
				assertThat(ex.getWriteErrors()).extracting(BulkWriteError::getIndex).containsExactly(0, 3);
				assertThat(ex.getWriteErrors()).extracting(BulkWriteError::getCode).containsExactly(11000, 11000);
			});

		assertThat(commands).hasValue(1);
		assertThat(commandsTimed()).isEqualTo(1);
		assertWritten();
	}

	@Test
	void writesEachCollectionOnItsOwnWhereTheStoreHasNoBulkWriteAndAsksOnlyOnce() {
		AtomicInteger asked = new AtomicInteger();
		MongoTemplate withoutBulkWrite = TestStore.withoutBulkWrite(this.mongo);
		MongoTemplate counted = TestStore.withAdminCommands(this.mongo, (admin, command) -> {
			asked.incrementAndGet();
			return withoutBulkWrite.getMongoDatabaseFactory().getMongoDatabase("admin").runCommand(command);
		});
		BatchWrites writes = new BatchWrites(counted, this.meters);

		assertThatExceptionOfType(MongoBulkWriteException.class).isThrownBy(() -> writes.write("test", racing()))
			.satisfies(
					(ex) -> assertThat(ex.getWriteErrors()).extracting(BulkWriteError::getIndex).containsExactly(0, 3));
		writes.write("test", List.of(new Write.Insert("events", new Document("_id", "e-4"))));

		assertThat(asked).as("the store is asked for bulkWrite once").hasValue(1);
		assertThat(commandsTimed()).as("the refused bulkWrite, then one command per collection").isEqualTo(1 + 3 + 1);
		assertWritten();
	}

	@Test
	void splitsWhatOneCommandCannotHold() {
		String text = "x".repeat(1024 * 1024);
		this.mongo.getCollection("big").insertOne(new Document("_id", "b-16"));
		List<Write> big = new ArrayList<>();
		for (int i = 0; i < 17; i++) {
			big.add(new Write.Insert("big", new Document("_id", "b-" + i).append("text", text)));
		}
		BatchWrites writes = new BatchWrites(this.mongo, this.meters);

		assertThatExceptionOfType(MongoBulkWriteException.class).isThrownBy(() -> writes.write("test", big))
			.satisfies(
					(ex) -> assertThat(ex.getWriteErrors()).extracting(BulkWriteError::getIndex).containsExactly(16));

		assertThat(commandsTimed()).isEqualTo(2);
		assertThat(this.mongo.getCollection("big").countDocuments()).isEqualTo(17);
	}

	/**
	 * An id taken, a new one, an upsert that wins and one whose compare-and-set lost.
	 */
	private List<Write> racing() {
		this.mongo.getCollection("events").insertOne(new Document("_id", "e-1"));
		this.mongo.getCollection("counts").insertOne(new Document("_id", "c-2").append("version", 2L));
		return List.of(new Write.Insert("events", new Document("_id", "e-1")),
				new Write.Insert("events", new Document("_id", "e-2")),
				new Write.Upsert("counts", new Document("_id", "c-1").append("version", 0L),
						Updates.combine(Updates.inc("n", 1), Updates.inc("version", 1L))),
				new Write.Upsert("counts", new Document("_id", "c-2").append("version", 1L),
						Updates.combine(Updates.inc("n", 1), Updates.inc("version", 1L))),
				new Write.Upsert("locations", Filters.eq("_id", "Berlin"), Updates.set("location", "Berlin")));
	}

	private void assertWritten() {
		assertThat(this.mongo.getCollection("events").find(Filters.eq("_id", "e-2")).first()).isNotNull();
		assertThat(this.mongo.getCollection("counts").find(Filters.eq("_id", "c-1")).first()).containsEntry("n", 1);
		assertThat(this.mongo.getCollection("counts").find(Filters.eq("_id", "c-2")).first()).doesNotContainKey("n");
		assertThat(this.mongo.getCollection("locations").countDocuments()).isEqualTo(1);
	}

	private long commandsTimed() {
		return this.meters.get("tributary.warehouse.bulk.write").tag("target", "test").timer().count();
	}

}
