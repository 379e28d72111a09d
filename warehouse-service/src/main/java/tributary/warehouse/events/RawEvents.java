package tributary.warehouse.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.bson.Document;
import tributary.warehouse.store.BatchWrites;
import tributary.warehouse.store.Write;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * Every event once, in one collection per topic, keyed by the event's id.
 *
 * <p>
 * A document is only ever inserted, never replaced: the first record to bring an id owns
 * it for good, with its Kafka coordinates beside it. That is what lets the aggregates
 * tell a redelivery of the same record (same coordinates: it counts, once) from a
 * different record that repeats an id (a duplicate: it never counts), however often and
 * in whatever order records arrive.
 *
 * <p>
 * The coordinates include the topic's id: a topic that is deleted and recreated starts
 * its offsets at 0 again, and a record of the new incarnation at a stored record's topic,
 * partition and offset is another record. A document stored before topic ids were kept
 * belongs to the incarnation {@link TopicIds#unmarked(String)} names.
 */
@Repository
public class RawEvents {

	static final String EVENT = "event";

	static final String TOPIC = "topic";

	static final String TOPIC_ID = "topicId";

	static final String PARTITION = "partition";

	static final String OFFSET = "offset";

	static final String STORED_AT = "storedAt";

	private static final int DUPLICATE_KEY = 11000;

	private final MongoTemplate mongo;

	private final TopicIds topicIds;

	private final BatchWrites writes;

	public RawEvents(MongoTemplate mongo, BatchWrites writes, TopicIds topicIds) {
		this.mongo = mongo;
		this.writes = writes;
		this.topicIds = topicIds;
	}

	/**
	 * Stores the records of one topic that are not stored yet, as {@link #store(Map)}
	 * does.
	 * @param topic the topic, which names the collection
	 * @param arrivals records of that topic, of its current incarnation
	 * @return what happened to each, in the same order
	 */
	public List<StoreResult> store(String topic, List<Arrival> arrivals) {
		return store(Map.of(topic, arrivals));
	}

	/**
	 * Stores the records that are not stored yet, of every topic in one unordered write.
	 * @param byTopic records by topic, which names the collection, of each topic's
	 * current incarnation
	 * @return what happened to each, topic after topic, each topic's in the same order
	 * @throws com.mongodb.MongoException if the store cannot be reached: nothing is
	 * decided then, and the same call may be repeated (also when the store took the
	 * writes but could not confirm the write concern)
	 */
	public List<StoreResult> store(Map<String, List<Arrival>> byTopic) {
		Instant storedAt = Instant.now();
		Date storedDate = Date.from(storedAt);
		Map<String, String> topicIds = new HashMap<>();
		List<Write> writes = new ArrayList<>();
		for (Map.Entry<String, List<Arrival>> topic : byTopic.entrySet()) {
			String topicId = topicIds.computeIfAbsent(topic.getKey(), this.topicIds::current);
			for (Arrival arrival : topic.getValue()) {
				Coordinates at = arrival.coordinates();
				writes.add(new Write.Insert(topic.getKey(),
						new Document("_id", arrival.event().id()).append(TOPIC, at.topic())
							.append(TOPIC_ID, topicId)
							.append(PARTITION, at.partition())
							.append(OFFSET, at.offset())
							.append(STORED_AT, storedDate)
							.append(EVENT, arrival.received().document())));
			}
		}
		Map<Integer, BulkWriteError> errors = new HashMap<>();
		try {
			this.writes.write("raw", writes);
		}
		catch (MongoBulkWriteException ex) {
			// A document refused for a condition that passes is not unstorable: the whole
			// batch is retried, and what did go in is recognised as a redelivery then.
			if (ex.getWriteConcernError() != null
					|| ex.getWriteErrors().stream().anyMatch((error) -> StoreErrorCodes.isTransient(error.getCode()))) {
				throw ex;
			}
			ex.getWriteErrors().forEach((error) -> errors.put(error.getIndex(), error));
		}
		List<StoreResult> results = new ArrayList<>(writes.size());
		int first = 0;
		for (Map.Entry<String, List<Arrival>> topic : byTopic.entrySet()) {
			List<Arrival> arrivals = topic.getValue();
			Map<Integer, BulkWriteError> ofTopic = new HashMap<>();
			for (int i = 0; i < arrivals.size(); i++) {
				BulkWriteError error = errors.get(first + i);
				if (error != null) {
					ofTopic.put(i, error);
				}
			}
			results.addAll(results(topic.getKey(), topicIds.computeIfAbsent(topic.getKey(), this.topicIds::current),
					arrivals, ofTopic, storedAt));
			first += arrivals.size();
		}
		return results;
	}

	private List<StoreResult> results(String topic, String topicId, List<Arrival> arrivals,
			Map<Integer, BulkWriteError> errors, Instant storedAt) {
		Map<String, Coordinates> owners = owners(this.mongo.getCollection(topic), arrivals, errors);
		String unmarked = owners.isEmpty() ? topicId : this.topicIds.unmarked(topic);
		List<StoreResult> results = new ArrayList<>(arrivals.size());
		for (int i = 0; i < arrivals.size(); i++) {
			Arrival arrival = arrivals.get(i);
			BulkWriteError error = errors.get(i);
			if (error == null) {
				results.add(new StoreResult(arrival, Outcome.STORED, storedAt, null));
			}
			else if (error.getCode() != DUPLICATE_KEY) {
				results.add(new StoreResult(arrival, Outcome.UNSTORABLE, storedAt, error.getMessage()));
			}
			else {
				Coordinates owner = owners.get(arrival.event().id());
				if (owner == null) {
					throw new IllegalStateException("Event " + arrival.event().id() + " in " + topic
							+ " was reported as present but cannot be read back");
				}
				if (owner.topicId() == null) {
					owner = owner.in(unmarked);
				}
				Outcome outcome = owner.equals(arrival.coordinates().in(topicId)) ? Outcome.REDELIVERED
						: Outcome.DUPLICATE;
				results.add(new StoreResult(arrival, outcome, storedAt, null));
			}
		}
		return results;
	}

	/** The coordinates of the records that own the ids the insert collided with. */
	private static Map<String, Coordinates> owners(MongoCollection<Document> collection, List<Arrival> arrivals,
			Map<Integer, BulkWriteError> errors) {
		List<String> ids = errors.entrySet()
			.stream()
			.filter((error) -> error.getValue().getCode() == DUPLICATE_KEY)
			.map((error) -> arrivals.get(error.getKey()).event().id())
			.distinct()
			.toList();
		if (ids.isEmpty()) {
			return Map.of();
		}
		Map<String, Coordinates> owners = new HashMap<>();
		for (Document owner : collection.find(Filters.in("_id", ids))
			.projection(Projections.include(TOPIC, TOPIC_ID, PARTITION, OFFSET))) {
			owners.put(owner.getString("_id"), coordinates(owner));
		}
		return owners;
	}

	/**
	 * One raw event.
	 * @param topic the topic it came from
	 * @param id its id
	 * @return the event, if stored
	 */
	public Optional<StoredEvent> find(String topic, String id) {
		Document found = this.mongo.getCollection(topic).find(Filters.eq("_id", id)).first();
		if (found == null) {
			return Optional.empty();
		}
		return Optional.of(new StoredEvent(id, coordinates(found), found.getDate(STORED_AT).toInstant(),
				found.get(EVENT, Document.class)));
	}

	private static Coordinates coordinates(Document document) {
		return new Coordinates(document.getString(TOPIC), document.getString(TOPIC_ID), document.getInteger(PARTITION),
				offset(document));
	}

	private static long offset(Document document) {
		if (document.get(OFFSET) instanceof Number offset) {
			return offset.longValue();
		}
		throw new IllegalStateException("Stored event " + document.get("_id") + " has no offset");
	}

}
