package tributary.warehouse.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import tributary.warehouse.TestStore;
import tributary.warehouse.store.BatchWrites;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.when;

/**
 * What the raw store makes of a document the store refuses: unstorable for its content,
 * retried for a condition that passes.
 */
class RawEventsTests {

	private static final String TOPIC = "weather_data";

	@Test
	void aDocumentRefusedForItsContentIsUnstorable() {
		RawEvents rawEvents = rawEventsFailingWith(2);
		List<StoreResult> results = rawEvents.store(TOPIC, List.of(arrival(0), arrival(1)));
		assertThat(results).extracting(StoreResult::outcome).containsExactly(Outcome.STORED, Outcome.UNSTORABLE);
	}

	@Test
	void aDocumentRefusedForAConditionThatPassesFailsTheWriteToBeRetried() {
		// 91: the server is shutting down; 11600: interrupted at shutdown.
		for (int code : new int[] { 91, 11600 }) {
			RawEvents rawEvents = rawEventsFailingWith(code);
			assertThatExceptionOfType(MongoBulkWriteException.class)
				.isThrownBy(() -> rawEvents.store(TOPIC, List.of(arrival(0), arrival(1))));
		}
	}

	/** A store whose raw collection refuses the second document of a bulk insert. */
	@SuppressWarnings("unchecked")
	private static RawEvents rawEventsFailingWith(int code) {
		MongoTemplate mongo = spy(TestStore.withoutBulkWrite(TestStore.freshDatabase("raw")));
		MongoCollection<Document> collection = mock(MongoCollection.class);
		when(collection.insertMany(anyList(), any(InsertManyOptions.class)))
			.thenThrow(new MongoBulkWriteException(BulkWriteResult.acknowledged(1, 0, 0, 0, List.of(), List.of()),
					List.of(new BulkWriteError(code, "refused", new BsonDocument(), 1)), null, new ServerAddress(),
					java.util.Set.of()));
		doReturn(collection).when(mongo).getCollection(TOPIC);
		TopicIds topicIds = new TopicIds((topics) -> Map.of(TOPIC, "incarnation-1"), mongo);
		return new RawEvents(mongo, new BatchWrites(mongo, new SimpleMeterRegistry()), topicIds);
	}

	@Test
	void aDocumentTheBulkWriteCommandRefusesForItsContentIsUnstorable() {
		RawEvents rawEvents = rawEventsAnsweringWith(2);
		List<StoreResult> results = rawEvents.store(TOPIC, List.of(arrival(0), arrival(1)));
		assertThat(results).extracting(StoreResult::outcome).containsExactly(Outcome.STORED, Outcome.UNSTORABLE);
		assertThat(results.get(1).problem()).isEqualTo("refused");
	}

	@Test
	void aDocumentTheBulkWriteCommandRefusesForAConditionThatPassesFailsTheWriteToBeRetried() {
		RawEvents rawEvents = rawEventsAnsweringWith(91);
		assertThatExceptionOfType(MongoBulkWriteException.class)
			.isThrownBy(() -> rawEvents.store(TOPIC, List.of(arrival(0), arrival(1))))
			.satisfies((ex) -> assertThat(ex.getWriteErrors()).extracting(BulkWriteError::getIndex).containsExactly(1));
	}

	@Test
	void storesTheRecordsOfSeveralTopicsInOneWriteAndTellsRedeliveriesFromDuplicates() {
		MongoTemplate mongo = TestStore.freshDatabase("raw-topics");
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		TopicIds topicIds = new TopicIds((topics) -> {
			Map<String, String> ids = new java.util.HashMap<>();
			topics.forEach((topic) -> ids.put(topic, "incarnation-1"));
			return ids;
		}, mongo);
		RawEvents rawEvents = new RawEvents(mongo, new BatchWrites(mongo, meters), topicIds);
		rawEvents.store(Map.of(TOPIC, List.of(arrival(0)), "other", List.of(arrival("other", 0, "o-1"))));

		Map<String, List<Arrival>> again = new java.util.LinkedHashMap<>();
		again.put(TOPIC, List.of(arrival(0), arrival(TOPIC, 1, "reading-0"), arrival(2)));
		again.put("other", List.of(arrival("other", 0, "o-1"), arrival("other", 1, "o-2")));
		List<StoreResult> results = rawEvents.store(again);

		assertThat(results).extracting(StoreResult::outcome)
			.containsExactly(Outcome.REDELIVERED, Outcome.DUPLICATE, Outcome.STORED, Outcome.REDELIVERED,
					Outcome.STORED);
		assertThat(meters.get("tributary.warehouse.bulk.write").tag("target", "raw").timer().count())
			.as("one command per call")
			.isEqualTo(2);
	}

	/**
	 * A store whose bulkWrite command refuses the second document of the first
	 * collection, writing nothing.
	 */
	private static RawEvents rawEventsAnsweringWith(int code) {
		MongoTemplate mongo = TestStore.withAdminCommands(TestStore.freshDatabase("raw"),
				(admin, command) -> new Document("cursor", new Document("id", 0L).append("ns", "admin.$cmd.bulkWrite")
					.append("firstBatch", List
						.of(new Document("ok", 0.0).append("idx", 1).append("code", code).append("errmsg", "refused"))))
					.append("nErrors", 1)
					.append("nInserted", 1)
					.append("ok", 1.0));
		TopicIds topicIds = new TopicIds((topics) -> Map.of(TOPIC, "incarnation-1"), mongo);
		return new RawEvents(mongo, new BatchWrites(mongo, new SimpleMeterRegistry()), topicIds);
	}

	private static Arrival arrival(long offset) {
		return arrival(TOPIC, offset, "reading-" + offset);
	}

	private static Arrival arrival(String topic, long offset, String id) {
		Instant now = Instant.parse("2026-11-20T09:15:00Z");
		ReadingObserved reading = new ReadingObserved(id, "Berlin", now, new BigDecimal("21.5"), null, null, now);
		return new Arrival(new Coordinates(topic, 0, offset),
				new ReceivedEvent(reading, new BsonDocument("id", new BsonString(id))));
	}

}
