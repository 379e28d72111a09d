package tributary.warehouse.store;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.BsonDocument;
import org.bson.ByteBuf;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.Codec;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.types.Decimal128;
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

	@Test
	void namesInEachSplitCommandOnlyTheCollectionsOfItsOwnOperations() {
		String text = "x".repeat(1024 * 1024);
		this.mongo.getCollection("last").insertOne(new Document("_id", "l-1"));
		List<Write> batch = new ArrayList<>();
		batch.add(new Write.Insert("first", new Document("_id", "f-1")));
		for (int i = 0; i < 15; i++) {
			batch.add(new Write.Insert("big", new Document("_id", "b-" + i).append("text", text)));
		}
		batch.add(new Write.Insert("last", new Document("_id", "l-1")));
		List<BsonDocument> commands = new ArrayList<>();
		MongoTemplate seen = TestStore.withAdminCommands(this.mongo, (admin, command) -> {
			commands.add(command.toBsonDocument());
			return admin.runCommand(command);
		});
		BatchWrites writes = new BatchWrites(seen, this.meters);

		assertThatExceptionOfType(MongoBulkWriteException.class).isThrownBy(() -> writes.write("test", batch))
			.satisfies(
					(ex) -> assertThat(ex.getWriteErrors()).extracting(BulkWriteError::getIndex).containsExactly(16));

		String db = this.mongo.getDb().getName() + ".";
		assertThat(commands).hasSize(2);
		assertThat(namespaces(commands.get(0))).containsExactly(db + "first", db + "big");
		assertThat(namespaces(commands.get(1))).containsExactly(db + "big", db + "last");
		for (BsonDocument command : commands) {
			assertThat(command.getArray("ops").stream().map((op) -> op.asDocument().getInt32("insert").getValue()))
				.as("each namespace used, indexed from 0 in its own command")
				.containsOnly(IntStream.range(0, command.getArray("nsInfo").size()).boxed().toArray(Integer[]::new));
		}
		assertThat(commands.get(1).getArray("ops").get(0).asDocument().getInt32("insert").getValue()).isZero();
		assertThat(this.mongo.getCollection("first").countDocuments()).isEqualTo(1);
		assertThat(this.mongo.getCollection("big").countDocuments()).isEqualTo(15);
	}

	@Test
	void encodesEachOperationAsTheDriversDocumentCodecWould() {
		CodecRegistry registry = this.mongo.getDb().getCodecRegistry();
		RawBsonDocument event = RawBsonDocument
			.parse("{\"id\": \"p-1\", \"n\": {\"$numberDecimal\": \"1.50\"}, \"a\": [1, {\"b\": null}], \"t\": true}");
		Document insert = new Document("_id", "p-1").append("topic", "posts")
			.append("partition", 3)
			.append("offset", 12_345_678_901L)
			.append("storedAt", new Date(1_764_000_000_123L))
			.append("nothing", null)
			.append("nested", new Document("x", 1.5).append("list", List.of("a", 2, new Decimal128(BigDecimal.TEN))))
			.append("event", event);
		Write.Upsert upsert = new Write.Upsert("counts", new Document("_id", "c-1").append("version", 4L),
				Updates.combine(Updates.inc("n", 1L), Updates.inc("sum", new Decimal128(new BigDecimal("-2.25"))),
						Updates.set("applied", List.of(new Document("t", "posts").append("p", 3).append("o", 9L))),
						Updates.set("hour", new Date(0)), Updates.inc("version", 1L)));
		Codec<Document> codec = registry.get(Document.class);

		assertThat(BatchWrites.encode(new Write.Insert("events", insert), 2, registry))
			.isEqualTo(new RawBsonDocument(new Document("insert", 2).append("document", insert), codec));
		assertThat(BatchWrites.encode(upsert, 0, registry)).isEqualTo(new RawBsonDocument(
				new Document("update", 0).append("filter", upsert.filter().toBsonDocument(Document.class, registry))
					.append("updateMods", upsert.update().toBsonDocument(Document.class, registry))
					.append("upsert", true),
				codec));
		Write.Replace replace = new Write.Replace("counts", new Document("_id", "c-1").append("version", 4L),
				new Document("_id", "c-1").append("hour", new Date(0))
					.append("weather",
							new Document("readings", 3L).append("sum", new Decimal128(new BigDecimal("-2.25")))
								.append("ratings", new Document("5", 1L)))
					.append("marks", new Document("posts:id:3", 9L))
					.append("version", 5L));
		assertThat(BatchWrites.encode(replace, 1, registry)).isEqualTo(new RawBsonDocument(
				new Document("update", 1).append("filter", replace.filter().toBsonDocument(Document.class, registry))
					.append("updateMods", replace.replacement())
					.append("upsert", true),
				codec));
	}

	/** The bytes, byte for byte: documents compare equal whatever their fields' order. */
	private static byte[] bytes(RawBsonDocument document) {
		ByteBuf buffer = document.getByteBuffer();
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(bytes);
		return bytes;
	}

	private static List<String> namespaces(BsonDocument command) {
		return command.getArray("nsInfo").stream().map((ns) -> ns.asDocument().getString("ns").getValue()).toList();
	}

	/**
	 * An id taken, a new one, a replacement that wins and one whose compare-and-set lost,
	 * and an upsert.
	 */
	private List<Write> racing() {
		this.mongo.getCollection("events").insertOne(new Document("_id", "e-1"));
		this.mongo.getCollection("counts").insertOne(new Document("_id", "c-2").append("version", 2L));
		return List.of(new Write.Insert("events", new Document("_id", "e-1")),
				new Write.Insert("events", new Document("_id", "e-2")),
				new Write.Replace("counts", new Document("_id", "c-1").append("version", 0L),
						new Document("_id", "c-1").append("n", 1).append("version", 1L)),
				new Write.Replace("counts", new Document("_id", "c-2").append("version", 1L),
						new Document("_id", "c-2").append("n", 1).append("version", 2L)),
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
