package tributary.warehouse.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.ServerAddress;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.bulk.WriteConcernError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.bson.BsonArray;
import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonDocumentReader;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonWriter;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.Codec;
import org.bson.codecs.EncoderContext;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.types.Decimal128;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes a batch's documents of many collections, unordered, in one {@code bulkWrite}
 * command where the store has it (MongoDB 8, the embedded store), and as one write per
 * collection where it does not.
 *
 * <p>
 * Every write command costs the store a durable round (a journal or file sync), and the
 * writes of a batch wait for them one after the other: one command for all collections
 * waits once. The command is sent as a document to {@code admin} with the configured
 * write concern in it, because the driver's own client bulk write refuses servers older
 * than MongoDB 8 by their wire version, which the embedded store reports. A store that
 * does not know the command (code 59) is remembered, and written to as before.
 *
 * <p>
 * Either way the outcome is the driver's: a {@link MongoBulkWriteException} whose write
 * errors are indexed in the list of writes given, and which carries a write-concern error
 * if the store took writes it could not confirm.
 */
@Component
public class BatchWrites {

	private static final Logger log = LoggerFactory.getLogger(BatchWrites.class);

	private static final int COMMAND_NOT_FOUND = 59;

	/**
	 * What one command's operations may weigh: a command document may have 16 MiB, and
	 * its namespaces and options need a little of it.
	 */
	static final int MAX_OPS_BYTES = 15 * 1024 * 1024;

	/**
	 * Operations per command, well below MongoDB's {@code maxWriteBatchSize}: so that the
	 * reply's errors fit its first batch (16 MiB), as a follow-up {@code getMore} would
	 * run in another implicit session than the command on MongoDB.
	 */
	static final int MAX_OPS = 10_000;

	private enum Mode {

		UNKNOWN, ONE_COMMAND, PER_COLLECTION

	}

	private final MongoTemplate mongo;

	private final MeterRegistry meters;

	private final Map<String, Timer> timers = new ConcurrentHashMap<>();

	private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.UNKNOWN);

	public BatchWrites(MongoTemplate mongo, MeterRegistry meters) {
		this.mongo = mongo;
		this.meters = meters;
	}

	/**
	 * Writes, unordered: each write is tried whatever happens to the others.
	 * @param target what is written, the tag of the timer of each command sent
	 * @param writes the writes
	 * @throws MongoBulkWriteException if the store refused writes (their indexes are in
	 * {@code writes}), or took them but could not confirm the write concern
	 * @throws com.mongodb.MongoException if the store cannot be reached or refuses the
	 * command: nothing is decided then, and the same call may be repeated
	 */
	public void write(String target, List<Write> writes) {
		if (writes.isEmpty()) {
			return;
		}
		if (this.mode.get() != Mode.PER_COLLECTION) {
			try {
				inOneCommand(target, writes);
				this.mode.compareAndSet(Mode.UNKNOWN, Mode.ONE_COMMAND);
				return;
			}
			catch (MongoCommandException ex) {
				// a command the store does not know has changed nothing
				if (ex.getErrorCode() != COMMAND_NOT_FOUND) {
					throw ex;
				}
				if (this.mode.getAndSet(Mode.PER_COLLECTION) != Mode.PER_COLLECTION) {
					log.info("The store has no bulkWrite command (MongoDB before 8.0): writing each collection "
							+ "of a batch with a command of its own, each waiting for its own durable write");
				}
			}
		}
		perCollection(target, writes);
	}

	private void inOneCommand(String target, List<Write> writes) {
		MongoDatabase database = this.mongo.getDb();
		CodecRegistry registry = database.getCodecRegistry();
		Command command = new Command(target, database.getName(), database.getWriteConcern().asDocument());
		// each command names only the collections its own operations write (MongoDB 8
		// may refuse namespaces no operation uses), indexed in the order they first
		// appear
		Map<String, Integer> namespaces = new LinkedHashMap<>();
		List<RawBsonDocument> ops = new ArrayList<>();
		int start = 0;
		long bytes = 0;
		for (int i = 0; i < writes.size(); i++) {
			Write write = writes.get(i);
			RawBsonDocument op = encode(write, namespaces.getOrDefault(write.collection(), namespaces.size()),
					registry);
			int size = op.getByteBuffer().remaining();
			if (!ops.isEmpty() && (bytes + size > MAX_OPS_BYTES || ops.size() == MAX_OPS)) {
				command.send(ops, namespaces.keySet(), start);
				namespaces = new LinkedHashMap<>();
				ops = new ArrayList<>();
				start = i;
				bytes = 0;
				// the first of the next command: its collection is that command's first
				op = encode(write, 0, registry);
			}
			namespaces.putIfAbsent(write.collection(), namespaces.size());
			ops.add(op);
			bytes += size;
		}
		command.send(ops, namespaces.keySet(), start);
		command.finish();
	}

	/**
	 * Encoded once, here: the command then copies the bytes. The namespace's index is an
	 * int32 whatever its value, so an operation weighs the same in any command.
	 *
	 * <p>
	 * Written field by field rather than by the driver's document codec, which looks up a
	 * codec in the registry for every value: a tenth of the intake's CPU. Values of other
	 * types than those written here still go through their codec.
	 */
	static RawBsonDocument encode(Write write, int namespace, CodecRegistry registry) {
		BsonBuffer buffer = new BsonBuffer(capacity(write));
		try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
			writer.writeStartDocument();
			if (write instanceof Write.Upsert upsert) {
				writer.writeInt32("update", namespace);
				writer.writeName("filter");
				writer.pipe(new BsonDocumentReader(upsert.filter().toBsonDocument(Document.class, registry)));
				writer.writeName("updateMods");
				writer.pipe(new BsonDocumentReader(upsert.update().toBsonDocument(Document.class, registry)));
				writer.writeBoolean("upsert", true);
			}
			else if (write instanceof Write.Replace replace) {
				writer.writeInt32("update", namespace);
				writer.writeName("filter");
				writer.pipe(new BsonDocumentReader(replace.filter().toBsonDocument(Document.class, registry)));
				writer.writeName("updateMods");
				writeDocument(writer, replace.replacement(), registry);
				writer.writeBoolean("upsert", true);
			}
			else {
				writer.writeInt32("insert", namespace);
				writer.writeName("document");
				writeDocument(writer, ((Write.Insert) write).document(), registry);
			}
			writer.writeEndDocument();
		}
		return buffer.document();
	}

	/**
	 * Room for the operation with its document: the encoded event a raw document holds
	 * and 256 bytes for the rest. A buffer that grows doubles and copies what it has,
	 * twice or three times for a typical event: 3% of the bytes the consumer thread
	 * allocates per record ({@code bench/run warehouse-record-path}).
	 */
	private static int capacity(Write write) {
		int capacity = 256;
		if (write instanceof Write.Replace) {
			// an aggregate document: a few dozen fields
			capacity = 1024;
		}
		else if (write instanceof Write.Insert insert) {
			for (Object value : insert.document().values()) {
				if (value instanceof RawBsonDocument raw) {
					capacity += raw.getByteBuffer().remaining();
				}
			}
		}
		return capacity;
	}

	private static void writeDocument(BsonWriter writer, Document document, CodecRegistry registry) {
		writer.writeStartDocument();
		for (Map.Entry<String, Object> field : document.entrySet()) {
			writer.writeName(field.getKey());
			Object value = field.getValue();
			if (value == null) {
				writer.writeNull();
			}
			else if (value instanceof String text) {
				writer.writeString(text);
			}
			else if (value instanceof Integer number) {
				writer.writeInt32(number);
			}
			else if (value instanceof Long number) {
				writer.writeInt64(number);
			}
			else if (value instanceof Date date) {
				writer.writeDateTime(date.getTime());
			}
			else if (value instanceof Decimal128 decimal) {
				writer.writeDecimal128(decimal);
			}
			else if (value instanceof Document nested) {
				writeDocument(writer, nested, registry);
			}
			else if (value instanceof RawBsonDocument raw) {
				try (BsonBinaryReader reader = new BsonBinaryReader(raw.getByteBuffer().asNIO())) {
					writer.pipe(reader);
				}
			}
			else {
				encodeWithCodec(writer, value, registry);
			}
		}
		writer.writeEndDocument();
	}

	@SuppressWarnings("unchecked")
	private static <T> void encodeWithCodec(BsonWriter writer, T value, CodecRegistry registry) {
		Codec<T> codec = (Codec<T>) registry.get(value.getClass());
		EncoderContext.builder().build().encodeWithChildContext(codec, writer, value);
	}

	/** The commands of one call, and what their replies said. */
	private final class Command {

		private final String target;

		private final String database;

		private final BsonDocument writeConcern;

		private final List<BulkWriteError> errors = new ArrayList<>();

		private int inserted;

		private int matched;

		private int modified;

		private int deleted;

		Command(String target, String database, BsonDocument writeConcern) {
			this.target = target;
			this.database = database;
			this.writeConcern = writeConcern;
		}

		void send(List<RawBsonDocument> ops, Collection<String> collections, int start) {
			BsonArray nsInfo = new BsonArray(collections.size());
			collections.forEach((collection) -> nsInfo
				.add(new BsonDocument("ns", new BsonString(this.database + "." + collection))));
			// a BsonDocument, not a Document: the driver reads a command's name with
			// getFirstKey, which would encode a whole Document, every operation in it,
			// into a tree first, and then encode it again to send it
			BsonDocument command = new BsonDocument("bulkWrite", new BsonInt32(1)).append("ops", new BsonArray(ops))
				.append("nsInfo", nsInfo)
				.append("ordered", BsonBoolean.FALSE)
				.append("errorsOnly", BsonBoolean.TRUE);
			if (!this.writeConcern.isEmpty()) {
				// runCommand adds none of its own
				command.append("writeConcern", this.writeConcern);
			}
			MongoDatabase admin = BatchWrites.this.mongo.getMongoDatabaseFactory().getMongoDatabase("admin");
			Timer.Sample sample = Timer.start();
			Document reply;
			try {
				reply = admin.runCommand(command);
			}
			finally {
				sample.stop(timer(this.target));
			}
			Document cursor = reply.get("cursor", Document.class);
			if (cursor == null) {
				throw new IllegalStateException("The store's bulkWrite reply has no cursor: " + reply.keySet());
			}
			collect(cursor.getList("firstBatch", Document.class, List.of()), start);
			long id = number(cursor, "id");
			while (id != 0) {
				Document more = admin.runCommand(new Document("getMore", id).append("collection", "$cmd.bulkWrite"));
				cursor = more.get("cursor", Document.class);
				if (cursor == null) {
					throw new IllegalStateException("The store's getMore reply has no cursor: " + more.keySet());
				}
				collect(cursor.getList("nextBatch", Document.class, List.of()), start);
				id = number(cursor, "id");
			}
			this.inserted += (int) number(reply, "nInserted");
			this.matched += (int) number(reply, "nMatched");
			this.modified += (int) number(reply, "nModified");
			this.deleted += (int) number(reply, "nDeleted");
			Document writeConcernError = reply.get("writeConcernError", Document.class);
			if (writeConcernError != null) {
				throw failure(new WriteConcernError((int) number(writeConcernError, "code"),
						String.valueOf(writeConcernError.get("codeName")),
						String.valueOf(writeConcernError.get("errmsg")), details(writeConcernError)));
			}
		}

		private void collect(List<Document> results, int start) {
			for (Document result : results) {
				if (number(result, "ok") != 0) {
					continue;
				}
				this.errors.add(new BulkWriteError((int) number(result, "code"), String.valueOf(result.get("errmsg")),
						details(result), start + (int) number(result, "idx")));
			}
		}

		void finish() {
			if (!this.errors.isEmpty()) {
				throw failure(null);
			}
		}

		private MongoBulkWriteException failure(@Nullable WriteConcernError writeConcernError) {
			this.errors.sort(Comparator.comparingInt(BulkWriteError::getIndex));
			// the reply does not say which server answered; the driver's exception needs
			// one
			return new MongoBulkWriteException(BulkWriteResult.acknowledged(this.inserted, this.matched, this.deleted,
					this.modified, List.of(), List.of()), List.copyOf(this.errors), writeConcernError,
					new ServerAddress(), Set.of());
		}

		private static BsonDocument details(Document error) {
			Document info = error.get("errInfo", Document.class);
			return (info != null) ? info.toBsonDocument() : new BsonDocument();
		}

		private static long number(Document document, String field) {
			return (document.get(field) instanceof Number number) ? number.longValue() : 0;
		}

	}

	/** Today's writes before MongoDB 8: one unordered write per collection. */
	private void perCollection(String target, List<Write> writes) {
		Map<String, List<Integer>> byCollection = new LinkedHashMap<>();
		for (int i = 0; i < writes.size(); i++) {
			byCollection.computeIfAbsent(writes.get(i).collection(), (collection) -> new ArrayList<>()).add(i);
		}
		List<BulkWriteError> errors = new ArrayList<>();
		MongoBulkWriteException last = null;
		for (Map.Entry<String, List<Integer>> collection : byCollection.entrySet()) {
			List<Integer> indexes = collection.getValue();
			List<Write> ofCollection = indexes.stream().map(writes::get).toList();
			try {
				write(this.mongo.getCollection(collection.getKey()), ofCollection, target);
			}
			catch (MongoBulkWriteException ex) {
				for (BulkWriteError error : ex.getWriteErrors()) {
					errors.add(new BulkWriteError(error.getCode(), error.getMessage(), error.getDetails(),
							indexes.get(error.getIndex())));
				}
				if (ex.getWriteConcernError() != null) {
					throw new MongoBulkWriteException(ex.getWriteResult(), errors, ex.getWriteConcernError(),
							ex.getServerAddress(), ex.getErrorLabels());
				}
				last = ex;
			}
		}
		if (last != null) {
			throw new MongoBulkWriteException(last.getWriteResult(), errors, null, last.getServerAddress(),
					last.getErrorLabels());
		}
	}

	private void write(MongoCollection<Document> collection, List<Write> writes, String target) {
		Timer.Sample sample = Timer.start();
		try {
			if (writes.stream().allMatch(Write.Insert.class::isInstance)) {
				collection.insertMany(writes.stream().map((write) -> ((Write.Insert) write).document()).toList(),
						new InsertManyOptions().ordered(false));
				return;
			}
			List<WriteModel<Document>> models = new ArrayList<>(writes.size());
			for (Write write : writes) {
				models.add(model(write));
			}
			collection.bulkWrite(models, new BulkWriteOptions().ordered(false));
		}
		finally {
			sample.stop(timer(target));
		}
	}

	private static WriteModel<Document> model(Write write) {
		if (write instanceof Write.Upsert upsert) {
			return new UpdateOneModel<>(upsert.filter(), upsert.update(), new UpdateOptions().upsert(true));
		}
		if (write instanceof Write.Replace replace) {
			return new ReplaceOneModel<>(replace.filter(), replace.replacement(), new ReplaceOptions().upsert(true));
		}
		return new InsertOneModel<>(((Write.Insert) write).document());
	}

	private Timer timer(String target) {
		return this.timers.computeIfAbsent(target,
				(tag) -> Timer.builder("tributary.warehouse.bulk.write")
					.description("One write command to the store, each waiting for a durable write there")
					.tag("target", tag)
					.publishPercentileHistogram()
					.register(this.meters));
	}

}
