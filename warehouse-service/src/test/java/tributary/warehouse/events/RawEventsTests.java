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
		MongoTemplate mongo = spy(TestStore.freshDatabase("raw"));
		MongoCollection<Document> collection = mock(MongoCollection.class);
		when(collection.insertMany(anyList(), any(InsertManyOptions.class)))
			.thenThrow(new MongoBulkWriteException(BulkWriteResult.acknowledged(1, 0, 0, 0, List.of(), List.of()),
					List.of(new BulkWriteError(code, "refused", new BsonDocument(), 1)), null, new ServerAddress(),
					java.util.Set.of()));
		doReturn(collection).when(mongo).getCollection(TOPIC);
		TopicIds topicIds = new TopicIds((topics) -> Map.of(TOPIC, "incarnation-1"), mongo);
		return new RawEvents(mongo, topicIds, new SimpleMeterRegistry());
	}

	private static Arrival arrival(long offset) {
		String id = "reading-" + offset;
		Instant now = Instant.parse("2026-11-20T09:15:00Z");
		ReadingObserved reading = new ReadingObserved(id, "Berlin", now, new BigDecimal("21.5"), null, null, now);
		return new Arrival(new Coordinates(TOPIC, 0, offset),
				new ReceivedEvent(reading, new BsonDocument("id", new BsonString(id))));
	}

}
