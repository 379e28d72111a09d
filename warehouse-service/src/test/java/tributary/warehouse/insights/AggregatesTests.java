package tributary.warehouse.insights;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.bulk.WriteConcernError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tributary.warehouse.ExpectedInsights;
import tributary.warehouse.TestEvents;
import tributary.warehouse.TestEvents.TestEvent;
import tributary.warehouse.events.Arrival;
import tributary.warehouse.events.Coordinates;
import tributary.warehouse.events.EventKind;
import tributary.warehouse.events.EventReader;
import tributary.warehouse.events.Outcome;
import tributary.warehouse.events.RawEvents;
import tributary.warehouse.events.StoreResult;
import tributary.warehouse.events.TopicIds;
import tributary.warehouse.insights.Aggregates.Mark;
import tributary.warehouse.store.BatchWrites;
import tributary.warehouse.system.WarehouseProperties;
import tributary.warehouse.TestStore;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The raw store and the aggregates on the embedded store: exact figures however records
 * are batched, redelivered, duplicated or written by racing consumers.
 */
class AggregatesTests {

	private static final Map<String, EventKind> KINDS = Map.of("weather", EventKind.READING, "post", EventKind.POST,
			"sentiment", EventKind.SENTIMENT, "feedback", EventKind.FEEDBACK);

	private static final JsonMapper json = JsonMapper.builder().build();

	private MongoTemplate mongo;

	private RawEvents rawEvents;

	private Aggregates aggregates;

	private Insights insights;

	private final EventReader reader = new EventReader();

	private final Map<String, Long> nextOffset = new HashMap<>();

	/** What the broker would say each topic's id is now. */
	private final Map<String, String> brokerIds = new ConcurrentHashMap<>();

	private TopicIds topicIds;

	/**
	 * Whether the writers see a store without {@code bulkWrite}, as MongoDB before 8.0.
	 */
	private boolean withoutBulkWrite;

	@BeforeEach
	void freshDatabase() {
		this.mongo = TestStore.freshDatabase("aggregates");
		start();
		new AggregateIndexes(this.mongo).afterSingletonsInstantiated();
		this.insights = new Insights(this.mongo);
	}

	/** The warehouse's writers as a (re)started process has them: nothing cached. */
	private void start() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		WarehouseProperties properties = Binder.get(new org.springframework.core.env.StandardEnvironment())
			.bindOrCreate("tributary.warehouse", WarehouseProperties.class);
		this.topicIds = new TopicIds((topics) -> {
			Map<String, String> ids = new HashMap<>();
			topics.forEach((topic) -> ids.put(topic, this.brokerIds.computeIfAbsent(topic, (key) -> "first")));
			return ids;
		}, this.mongo);
		MongoTemplate writing = this.withoutBulkWrite ? TestStore.withoutBulkWrite(this.mongo) : this.mongo;
		BatchWrites writes = new BatchWrites(writing, meters);
		this.rawEvents = new RawEvents(writing, writes, this.topicIds);
		this.aggregates = new Aggregates(writing, writes, this.topicIds, properties, meters);
	}

	/** The writers of a store without {@code bulkWrite}: one write per collection. */
	private void startWithoutBulkWrite() {
		this.withoutBulkWrite = true;
		start();
	}

	@Test
	void aggregatesEqualWhatTheDistinctEventsGive() {
		List<Arrival> arrivals = arrivals(new TestEvents(1, "exact").mixed(600), 6);
		ExpectedInsights expected = expected(arrivals);
		for (List<Arrival> batch : batches(arrivals, 97)) {
			take(batch);
		}
		assertAll(expected);
	}

	@Test
	void redeliveryAndReplayInOtherBatchesChangeNothing() {
		List<Arrival> arrivals = arrivals(new TestEvents(2, "replay").mixed(400), 4);
		batches(arrivals, 50).forEach(this::take);
		Map<String, List<Document>> before = aggregateDocuments();
		// The same records again, cut into different batches and interleaved differently.
		batches(arrivals, 33).forEach(this::take);
		List<Arrival> shuffledPartitions = new ArrayList<>(arrivals);
		Collections.shuffle(shuffledPartitions, new Random(7));
		shuffledPartitions.sort(java.util.Comparator.comparing((Arrival arrival) -> arrival.coordinates().topic())
			.thenComparingInt((arrival) -> arrival.coordinates().partition())
			.thenComparingLong((arrival) -> arrival.coordinates().offset()));
		take(shuffledPartitions);
		assertThat(withoutVersions(aggregateDocuments())).isEqualTo(withoutVersions(before));
		assertAll(expected(arrivals));
	}

	@Test
	void anotherRecordWithAStoredIdIsADuplicateAndNeverCounts() {
		TestEvents events = new TestEvents(3, "dup");
		TestEvent reading = events.reading();
		Arrival first = arrival(reading, "w", 0, 10);
		Arrival again = arrival(reading, "w", 3, 42);
		assertThat(outcomes(take(List.of(first)))).containsExactly(Outcome.STORED);
		assertThat(outcomes(take(List.of(again, first)))).containsExactly(Outcome.DUPLICATE, Outcome.REDELIVERED);
		// Both in one batch, the duplicate first in its partition: still one reading.
		assertThat(outcomes(take(List.of(arrival(reading, "w", 3, 43), again)))).containsOnly(Outcome.DUPLICATE);
		ExpectedInsights expected = new ExpectedInsights();
		expected.add("weather", json.readTree(reading.json()));
		assertAll(expected);
	}

	@Test
	void aCrashBetweenTheRawAndTheAggregateWritesIsMadeGoodByRedelivery() {
		List<Arrival> arrivals = arrivals(new TestEvents(4, "crash").mixed(300), 3);
		List<List<Arrival>> batches = batches(arrivals, 40);
		for (int i = 0; i < batches.size(); i++) {
			if (i % 2 == 0) {
				// Stored raw, then "crashed" before the
				// aggregates: nothing was committed.
				for (Map.Entry<String, List<Arrival>> topic : byTopic(batches.get(i)).entrySet()) {
					this.rawEvents.store(topic.getKey(), topic.getValue());
				}
			}
			take(batches.get(i));
		}
		assertAll(expected(arrivals));
	}

	@Test
	void racingWritersOfTheSamePartitionsCountEveryEventOnce() throws Exception {
		// A consumer fenced by a rebalance keeps writing while the new owner writes the
		// same records in other batches; a consumer of other partitions writes the same
		// documents at the same time.
		List<Arrival> arrivals = arrivals(new TestEvents(5, "race").mixed(900), 6);
		ExecutorService writers = Executors.newFixedThreadPool(3);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int size : new int[] { 17, 64, 150 }) {
				done.add(writers.submit(() -> batches(arrivals, size).forEach(this::take)));
			}
			for (Future<?> writer : done) {
				writer.get();
			}
		}
		finally {
			writers.shutdown();
		}
		assertAll(expected(arrivals));
	}

	@Test
	void sumsAreExactDecimals() {
		TestEvents events = new TestEvents(6, "decimal");
		List<TestEvent> readings = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			TestEvent reading = events.reading();
			reading.value().put("location", "Decimal City");
			reading.value().put("observedAt", "2026-11-20T07:30:00Z");
			reading.value().put("precipitationMm", new java.math.BigDecimal("0.1"));
			readings.add(reading);
		}
		List<Arrival> arrivals = new ArrayList<>();
		for (int i = 0; i < readings.size(); i++) {
			arrivals.add(arrival(readings.get(i), "w", i % 3, i));
		}
		take(arrivals);
		JsonNode hour = json
			.valueToTree(this.insights.hourly("Decimal City", Instant.parse("2026-11-20T07:00:00Z"),
					Instant.parse("2026-11-20T08:00:00Z")))
			.get("hours")
			.get(0);
		// Ten times 0.1 in binary floating point is 0.9999999999999999.
		assertThat(hour.get("weather").get("precipitationMm").doubleValue()).isEqualTo(1.0);
	}

	@Test
	void aRecreatedTopicsRecordsAtTheOldOffsetsCountAsNewRecords() {
		// One generator: new ids, but the same locations, platforms and products, so both
		// generations meet in the same aggregate documents.
		TestEvents events = new TestEvents(7, "recreated");
		List<Arrival> first = arrivals(events.mixed(300), 3);
		batches(first, 40).forEach(this::take);
		// Deleted and recreated: a new topic id, offsets from the start again.
		this.brokerIds.replaceAll((topic, id) -> "second");
		this.topicIds.refresh(List.copyOf(this.brokerIds.keySet()));
		this.nextOffset.clear();
		List<Arrival> second = arrivals(events.mixed(300), 3);
		assertThat(outcomes(batches(second, 40).stream().flatMap((batch) -> take(batch).stream()).toList()))
			.containsOnly(Outcome.STORED);
		List<Arrival> both = new ArrayList<>(first);
		both.addAll(second);
		assertAll(expected(both));
		// The new incarnation's records redelivered: recognised, nothing added.
		Map<String, List<Document>> before = aggregateDocuments();
		assertThat(outcomes(take(second))).containsOnly(Outcome.REDELIVERED);
		assertThat(withoutVersions(aggregateDocuments())).isEqualTo(withoutVersions(before));
		assertAll(expected(both));
	}

	@Test
	void aStoredIdRepeatedInARecreatedTopicAtTheSameOffsetIsADuplicate() {
		TestEvent reading = new TestEvents(9, "again").reading();
		assertThat(outcomes(take(List.of(arrival(reading, "weather", 1, 5))))).containsExactly(Outcome.STORED);
		this.brokerIds.put("weather", "second");
		this.topicIds.refresh(List.of("weather"));

		assertThat(outcomes(take(List.of(arrival(reading, "weather", 1, 5))))).containsExactly(Outcome.DUPLICATE);
		ExpectedInsights expected = new ExpectedInsights();
		expected.add("weather", json.readTree(reading.json()));
		assertAll(expected);
	}

	@Test
	void marksKeptInArraysByEarlierVersionsAreReadAndMovedByTheNextWrite() {
		TestEvents events = new TestEvents(12, "arrays");
		List<Arrival> arrivals = arrivals(events.mixed(400), 3);
		List<Arrival> first = arrivals.subList(0, 200);
		batches(first, 40).forEach(this::take);
		Map<String, List<Document>> written = aggregateDocuments();
		marksInArrays(true);
		start();

		assertThat(outcomes(take(first))).as("a replay of what is in").containsOnly(Outcome.REDELIVERED);
		assertThat(withoutMarks(aggregateDocuments())).isEqualTo(withoutMarks(written));
		batches(arrivals, 40).forEach(this::take);

		assertAll(expected(arrivals));
		Map<Object, Long> versionsBefore = new HashMap<>();
		written.values()
			.forEach((list) -> list
				.forEach((document) -> versionsBefore.put(document.get("_id"), document.getLong(Aggregates.VERSION))));
		List<Document> documents = aggregateDocuments().values().stream().flatMap(List::stream).toList();
		List<Document> writtenAgain = documents.stream()
			.filter((document) -> !document.getLong(Aggregates.VERSION).equals(versionsBefore.get(document.get("_id"))))
			.toList();
		assertThat(writtenAgain).as("written since the marks were put in arrays")
			.isNotEmpty()
			.allSatisfy((document) -> {
				assertThat(document).doesNotContainKey(Aggregates.APPLIED);
				assertThat(document.get(Aggregates.MARKS, Document.class)).isNotEmpty();
			});
		assertThat(documents)
			.allSatisfy((document) -> assertThat(document.containsKey(Aggregates.APPLIED)).as("marks in one form only")
				.isNotEqualTo(document.containsKey(Aggregates.MARKS)));
	}

	@Test
	void documentsWithoutTopicIdsBelongToTheIncarnationOfTheFirstStartThatKeepsIds() {
		TestEvents events = new TestEvents(10, "legacy");
		List<Arrival> first = arrivals(events.mixed(300), 3);
		batches(first, 40).forEach(this::take);
		Map<String, List<Document>> written = aggregateDocuments();
		// As an earlier version wrote them: no topic ids, and no incarnation pinned.
		stripTopicIds();
		this.mongo.getCollection("topic_incarnations").drop();
		start();

		// A plain restart redelivers the last batches, or a replay all
		// of them: nothing counts twice.
		assertThat(outcomes(take(first))).containsOnly(Outcome.REDELIVERED);
		assertThat(withoutMarks(aggregateDocuments())).isEqualTo(withoutMarks(written));
		assertAll(expected(first));

		// Recreated afterwards: the unmarked documents stay with the first incarnation.
		stripTopicIds();
		start();
		this.brokerIds.replaceAll((topic, id) -> "second");
		this.nextOffset.clear();
		List<Arrival> second = arrivals(events.mixed(300), 3);
		batches(second, 40).forEach(this::take);
		List<Arrival> both = new ArrayList<>(first);
		both.addAll(second);
		assertAll(expected(both));
		assertThat(this.mongo.getCollection("topic_incarnations").find().into(new ArrayList<>()))
			.extracting((document) -> document.getString("unmarked"))
			.containsOnly("first");
	}

	@Test
	void documentsThisInstanceWroteLastAreNotReadBeforeItsNextWriteOfThem() {
		Map<String, Integer> reads = new ConcurrentHashMap<>();
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		this.aggregates = new Aggregates(countingAggregateReads(this.mongo, reads), new BatchWrites(this.mongo, meters),
				this.topicIds, properties(), meters);
		TestEvents events = new TestEvents(20, "remembered");
		List<Arrival> first = arrivals(events.mixed(600), 3);
		batches(first, 100).forEach(this::take);
		Map<String, List<Document>> afterFirst = aggregateDocuments();
		assertThat(reads).isNotEmpty();

		// New records of the same partitions for the same documents: written, never read.
		reads.clear();
		List<Arrival> second = arrivals(events.mixed(600), 3);
		batches(second, 100).forEach(this::take);
		assertThat(byId(aggregateDocuments()).keySet()).as("the same documents").isEqualTo(byId(afterFirst).keySet());
		assertThat(withoutVersions(aggregateDocuments())).isNotEqualTo(withoutVersions(afterFirst));
		assertThat(reads).isEmpty();
		List<Arrival> both = new ArrayList<>(first);
		both.addAll(second);
		assertAll(expected(both));

		// A restarted instance remembers nothing, and reads again.
		start();
		this.aggregates = new Aggregates(countingAggregateReads(this.mongo, reads), new BatchWrites(this.mongo, meters),
				this.topicIds, properties(), meters);
		List<Arrival> third = arrivals(events.mixed(100), 3);
		take(third);
		assertThat(reads).isNotEmpty();
		both.addAll(third);
		assertAll(expected(both));
	}

	@Test
	void documentsAnotherInstanceChangedSinceThisOneWroteThemAreReadAgainAndCountOnce() {
		// Two instances of the warehouse, each consuming its own partitions, folding into
		// the same documents in turn.
		SimpleMeterRegistry metersOfOne = new SimpleMeterRegistry();
		SimpleMeterRegistry metersOfTwo = new SimpleMeterRegistry();
		Aggregates one = new Aggregates(this.mongo, new BatchWrites(this.mongo, metersOfOne), this.topicIds,
				properties(), metersOfOne);
		Aggregates two = new Aggregates(this.mongo, new BatchWrites(this.mongo, metersOfTwo), this.topicIds,
				properties(), metersOfTwo);
		TestEvents events = new TestEvents(21, "shared");
		List<Arrival> all = new ArrayList<>();
		for (int round = 0; round < 6; round++) {
			List<Arrival> arrivals = arrivals(events.mixed(300), 2);
			this.aggregates = one;
			take(partitions(arrivals, 0));
			this.aggregates = two;
			take(partitions(arrivals, 1));
			all.addAll(arrivals);
		}
		assertAll(expected(all));
		// Each instance wrote against a mark it remembered, and lost, at most once per
		// document: after that it read the document before writing it. Writing against
		// every remembered mark would have lost about once per document and round.
		long documents = aggregateDocuments().values().stream().mapToLong(List::size).sum();
		for (SimpleMeterRegistry meters : List.of(metersOfOne, metersOfTwo)) {
			assertThat(meters.get("tributary.warehouse.aggregate.conflicts").counter().count()).isPositive()
				.isLessThanOrEqualTo(documents);
		}
	}

	@Test
	void writesTheStoreTookButCouldNotConfirmFailTheBatchAndCountOnceWhenItIsRetried() {
		writesTheStoreCouldNotConfirm(false);
	}

	@Test
	void writesAStoreWithoutBulkWriteTookButCouldNotConfirmFailTheBatchAndCountOnceWhenItIsRetried() {
		startWithoutBulkWrite();
		writesTheStoreCouldNotConfirm(true);
	}

	private void writesTheStoreCouldNotConfirm(boolean withoutBulkWrite) {
		List<Arrival> arrivals = arrivals(new TestEvents(12, "unconfirmed").mixed(200), 3);
		MongoTemplate unconfirmed = unconfirmedWrites(this.mongo, withoutBulkWrite);
		RawEvents rawEvents = this.rawEvents;
		Aggregates aggregates = this.aggregates;
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		WarehouseProperties properties = Binder.get(new org.springframework.core.env.StandardEnvironment())
			.bindOrCreate("tributary.warehouse", WarehouseProperties.class);
		BatchWrites unconfirmedWrites = new BatchWrites(unconfirmed, meters);

		// The raw writes applied but not confirmed: nothing is decided, nothing counted.
		this.rawEvents = new RawEvents(unconfirmed, unconfirmedWrites, this.topicIds);
		assertThatExceptionOfType(MongoBulkWriteException.class).isThrownBy(() -> take(arrivals))
			.satisfies((ex) -> assertThat(ex.getWriteConcernError()).isNotNull());
		// Then the aggregate writes applied but not confirmed.
		this.rawEvents = rawEvents;
		this.aggregates = new Aggregates(unconfirmed, unconfirmedWrites, this.topicIds, properties, meters);
		assertThatExceptionOfType(MongoBulkWriteException.class).isThrownBy(() -> take(arrivals))
			.satisfies((ex) -> assertThat(ex.getWriteConcernError()).isNotNull());
		// The batch retried once the store confirms again.
		this.aggregates = aggregates;
		assertThat(outcomes(take(arrivals))).containsOnly(Outcome.REDELIVERED);

		assertAll(expected(arrivals));
	}

	@Test
	void racingWritersOfAStoreWithoutBulkWriteCountEveryEventOnce() throws Exception {
		startWithoutBulkWrite();
		racingWritersOfTheSamePartitionsCountEveryEventOnce();
	}

	@Test
	void duplicatesToAStoreWithoutBulkWriteNeverCount() {
		startWithoutBulkWrite();
		anotherRecordWithAStoredIdIsADuplicateAndNeverCounts();
	}

	@Test
	void redeliveryToAStoreWithoutBulkWriteChangesNothing() {
		startWithoutBulkWrite();
		redeliveryAndReplayInOtherBatchesChangeNothing();
	}

	@Test
	void batchesOfTheInstancesConsumersThatMeetAreWrittenInOneWrite() throws Exception {
		List<Arrival> arrivals = arrivals(new TestEvents(20, "combined").mixed(300), 6);
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		AtomicReference<BiFunction<MongoDatabase, Bson, Document>> afterGate = new AtomicReference<>(
				MongoDatabase::runCommand);
		Aggregates gated = gatedAggregates(meters, afterGate);

		List<Throwable> outcomes = whileAnAggregateWriteIsInProgress(gated, arrivals.subList(0, 20),
				partitions(arrivals.subList(20, arrivals.size()), 0, 1, 2),
				partitions(arrivals.subList(20, arrivals.size()), 3, 4, 5));

		assertThat(outcomes).containsOnlyNulls();
		DistributionSummary combined = meters.get("tributary.warehouse.aggregate.combined").summary();
		assertThat(combined.count()).as("writes").isEqualTo(2);
		assertThat(combined.max()).isEqualTo(2);
		assertThat(meters.get("tributary.warehouse.bulk.write").tag("target", "aggregate").timer().count())
			.as("commands")
			.isEqualTo(2);
		assertAll(expected(arrivals));
	}

	@Test
	void aRecordThatTwoBatchesWrittenTogetherHoldCountsOnceWhicheverComesFirst() {
		// A consumer fenced by a rebalance still writes records its partitions' new
		// owner has taken again: both batches can meet in one write.
		List<Arrival> arrivals = arrivals(new TestEvents(21, "overlap").mixed(240), 2);
		for (boolean fencedFirst : new boolean[] { true, false }) {
			freshDatabase();
			take(arrivals.subList(0, 40));
			List<Arrival> fenced = counted(arrivals.subList(20, 150));
			List<Arrival> newOwner = counted(arrivals.subList(80, 240));
			Map<Contributions.Target, List<Aggregates.Part>> fencedParts = this.aggregates.parts(fenced,
					(arrival) -> null);
			Map<Contributions.Target, List<Aggregates.Part>> newOwnerParts = this.aggregates.parts(newOwner,
					(arrival) -> null);

			this.aggregates
				.writeTogether(fencedFirst ? List.of(fencedParts, newOwnerParts) : List.of(newOwnerParts, fencedParts));

			assertAll(expected(arrivals));
		}
	}

	@Test
	void aDocumentTheWarehouseCannotAddToFailsOnlyTheBatchItBelongsTo() throws Exception {
		List<Arrival> arrivals = arrivals(new TestEvents(22, "isolated").mixed(300), 6);
		List<Arrival> gate = arrivals.subList(0, 10);
		List<Arrival> good = partitions(arrivals.subList(10, arrivals.size()), 0, 1, 2);
		List<Arrival> bad = partitions(arrivals.subList(10, arrivals.size()), 3, 4, 5);
		// A document only the bad batch adds to, which the warehouse cannot add to.
		Set<Contributions.Target> others = new java.util.HashSet<>(
				this.aggregates.parts(good, (arrival) -> null).keySet());
		others.addAll(this.aggregates.parts(gate, (arrival) -> null).keySet());
		Map.Entry<Contributions.Target, List<Aggregates.Part>> refused = this.aggregates.parts(bad, (arrival) -> null)
			.entrySet()
			.stream()
			.filter((target) -> !others.contains(target.getKey()))
			.findFirst()
			.orElseThrow();
		Document added = new Document();
		refused.getValue().get(0).change().applyTo(added);
		String field = added.keySet().iterator().next();
		MongoCollection<Document> collection = this.mongo.getCollection(refused.getKey().aggregate().collection());
		collection.insertOne(new Document("_id", refused.getKey().id()).append(Aggregates.VERSION, 1L)
			.append(Aggregates.MARKS, new Document())
			.append(field, "not a number"));
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		Aggregates gated = gatedAggregates(meters, new AtomicReference<>(MongoDatabase::runCommand));

		List<Throwable> outcomes = whileAnAggregateWriteIsInProgress(gated, gate, bad, good);

		assertThat(outcomes.get(0)).isInstanceOf(IllegalStateException.class).hasMessageContaining(field);
		assertThat(outcomes.get(1)).as("the good batch").isNull();
		assertThat(meters.get("tributary.warehouse.aggregate.combined").summary().totalAmount())
			.as("the gate, both together, then each alone")
			.isEqualTo(1 + 2 + 1 + 1);
		// Once the document is mended, the bad batch's retry completes the figures.
		collection.deleteOne(new Document("_id", refused.getKey().id()));
		gated.apply(counted(bad));
		assertAll(expected(arrivals));
	}

	@Test
	void aFailureOfTheStoreReachesEveryBatchWrittenTogetherAndTheirRetriesCountOnce() throws Exception {
		List<Arrival> arrivals = arrivals(new TestEvents(23, "shared").mixed(300), 6);
		List<Arrival> first = partitions(arrivals.subList(20, arrivals.size()), 0, 1, 2);
		List<Arrival> second = partitions(arrivals.subList(20, arrivals.size()), 3, 4, 5);
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		AtomicReference<BiFunction<MongoDatabase, Bson, Document>> afterGate = new AtomicReference<>(
				(database, command) -> {
					Document reply = database.runCommand(command);
					reply.put("writeConcernError", new Document("code", 64).append("codeName", "WriteConcernTimeout")
						.append("errmsg", "waiting for replication timed out"));
					return reply;
				});
		Aggregates gated = gatedAggregates(meters, afterGate);

		List<Throwable> outcomes = whileAnAggregateWriteIsInProgress(gated, arrivals.subList(0, 20), first, second);

		assertThat(outcomes)
			.allSatisfy((failure) -> assertThat(failure).isInstanceOfSatisfying(MongoBulkWriteException.class,
					(ex) -> assertThat(ex.getWriteConcernError()).isNotNull()));
		assertThat(outcomes.get(0)).isSameAs(outcomes.get(1));
		assertThat(meters.get("tributary.warehouse.aggregate.combined").summary().count())
			.as("not written again one by one")
			.isEqualTo(2);
		afterGate.set(MongoDatabase::runCommand);
		gated.apply(counted(second));
		gated.apply(counted(first));
		assertAll(expected(arrivals));
	}

	@Test
	void manyConsumersOfOneInstanceHammeringTheSameDocumentsGiveWhatASequentialFoldGives() throws Exception {
		int consumers = 4;
		int batchesEach = 200;
		List<Arrival> arrivals = arrivals(new TestEvents(24, "hammer").mixed(consumers * batchesEach * 3),
				2 * consumers);
		List<List<List<Arrival>>> batchesOf = new ArrayList<>();
		for (int consumer = 0; consumer < consumers; consumer++) {
			List<Arrival> own = partitions(arrivals, consumer, consumer + consumers);
			List<List<Arrival>> batches = new ArrayList<>();
			int size = Math.max(1, own.size() / batchesEach);
			for (int i = 0; i < own.size(); i += size) {
				List<Arrival> batch = own.subList(i, Math.min(own.size(), i + size));
				batches.add(batch);
				if (batches.size() % 7 == 0) {
					// redelivered, as after a failed commit
					batches.add(batch);
				}
			}
			batchesOf.add(batches);
		}
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		this.aggregates = new Aggregates(this.mongo, new BatchWrites(this.mongo, meters), this.topicIds, properties(),
				meters);
		ExecutorService writers = Executors.newFixedThreadPool(consumers);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (List<List<Arrival>> batches : batchesOf) {
				done.add(writers.submit(() -> batches.forEach(this::take)));
			}
			for (Future<?> writer : done) {
				writer.get();
			}
		}
		finally {
			writers.shutdown();
		}
		assertThat(meters.get("tributary.warehouse.aggregate.combined").summary().max()).as("batches written together")
			.isGreaterThan(1);
		Map<String, List<Document>> together = byId(withoutVersions(aggregateDocuments()));

		freshDatabase();
		batchesOf.forEach((batches) -> batches.forEach(this::take));

		assertThat(together).isEqualTo(byId(withoutVersions(aggregateDocuments())));
		assertAll(expected(arrivals));
	}

	/**
	 * Aggregates whose first write waits until {@link #openGate} is counted down, and
	 * whose later {@code bulkWrite} commands are answered by {@code afterGate}.
	 */
	private Aggregates gatedAggregates(SimpleMeterRegistry meters,
			AtomicReference<BiFunction<MongoDatabase, Bson, Document>> afterGate) {
		AtomicBoolean first = new AtomicBoolean(true);
		MongoTemplate gated = TestStore.withAdminCommands(this.mongo, (database, command) -> {
			if (first.getAndSet(false)) {
				this.gateEntered.countDown();
				try {
					assertThat(this.openGate.await(30, TimeUnit.SECONDS)).isTrue();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ex);
				}
				return database.runCommand(command);
			}
			return afterGate.get().apply(database, command);
		});
		return new Aggregates(gated, new BatchWrites(gated, meters), this.topicIds, properties(), meters);
	}

	private final CountDownLatch gateEntered = new CountDownLatch(1);

	private final CountDownLatch openGate = new CountDownLatch(1);

	/**
	 * Takes the gate's records on a consumer thread, whose aggregate write is held open
	 * while each of the batches, one consumer thread each, comes to wait; then lets it
	 * end.
	 * @return how each batch's aggregate write ended, null where it succeeded
	 */
	@SafeVarargs
	private List<Throwable> whileAnAggregateWriteIsInProgress(Aggregates gated, List<Arrival> gate,
			List<Arrival>... batches) throws Exception {
		List<CompletableFuture<Void>> consumers = new ArrayList<>();
		List<Arrival> counted = counted(gate);
		consumers.add(consuming(() -> gated.apply(counted)));
		assertThat(this.gateEntered.await(30, TimeUnit.SECONDS)).isTrue();
		for (int i = 0; i < batches.length; i++) {
			List<Arrival> batch = counted(batches[i]);
			consumers.add(consuming(() -> gated.apply(batch)));
			int waiting = i + 1;
			await().atMost(Duration.ofSeconds(30)).until(() -> gated.waitingBatches() == waiting);
		}
		this.openGate.countDown();
		List<Throwable> outcomes = new ArrayList<>();
		for (CompletableFuture<Void> consumer : consumers) {
			try {
				consumer.get(30, TimeUnit.SECONDS);
				outcomes.add(null);
			}
			catch (ExecutionException ex) {
				outcomes.add(ex.getCause());
			}
		}
		assertThat(outcomes.get(0)).as("the gate's batch").isNull();
		return outcomes.subList(1, outcomes.size());
	}

	private static CompletableFuture<Void> consuming(Runnable work) {
		return CompletableFuture.runAsync(work, (task) -> new Thread(task, "consumer").start());
	}

	/** Stores the raw events of a batch and returns the records that count. */
	private List<Arrival> counted(List<Arrival> batch) {
		return this.rawEvents.store(byTopic(batch))
			.stream()
			.filter((result) -> result.outcome().counts())
			.map(StoreResult::arrival)
			.toList();
	}

	private static List<Arrival> partitions(List<Arrival> arrivals, Integer... partitions) {
		Set<Integer> wanted = Set.of(partitions);
		return arrivals.stream().filter((arrival) -> wanted.contains(arrival.coordinates().partition())).toList();
	}

	/**
	 * The same database behind a template that counts the reads of each aggregate
	 * collection.
	 */
	private static MongoTemplate countingAggregateReads(MongoTemplate mongo, Map<String, Integer> reads) {
		Set<String> aggregates = Stream.of(Aggregate.values()).map(Aggregate::collection).collect(Collectors.toSet());
		return new MongoTemplate(TestStore.client(), mongo.getDb().getName()) {
			@Override
			public MongoCollection<Document> getCollection(String name) {
				if (aggregates.contains(name)) {
					reads.merge(name, 1, Integer::sum);
				}
				return super.getCollection(name);
			}
		};
	}

	private static WarehouseProperties properties() {
		return Binder.get(new org.springframework.core.env.StandardEnvironment())
			.bindOrCreate("tributary.warehouse", WarehouseProperties.class);
	}

	private static Map<String, List<Document>> byId(Map<String, List<Document>> documents) {
		Map<String, List<Document>> sorted = new HashMap<>();
		documents.forEach((collection, list) -> sorted.put(collection,
				list.stream()
					.sorted(java.util.Comparator.comparing((document) -> document.getString("_id")))
					.toList()));
		return sorted;
	}

	/**
	 * The store behind a template whose every bulk write is applied and then reported as
	 * not confirmed by the write concern, as a replica set without a majority does: the
	 * {@code bulkWrite} command, or each collection's write where the store has no such
	 * command.
	 */
	@SuppressWarnings("unchecked")
	private static MongoTemplate unconfirmedWrites(MongoTemplate mongo, boolean withoutBulkWrite) {
		MongoTemplate admin = withoutBulkWrite ? TestStore.withoutBulkWrite(mongo)
				: TestStore.withAdminCommands(mongo, (database, command) -> {
					Document reply = database.runCommand(command);
					reply.put("writeConcernError", new Document("code", 64).append("codeName", "WriteConcernTimeout")
						.append("errmsg", "waiting for replication timed out"));
					return reply;
				});
		return new MongoTemplate(TestStore.client(), mongo.getDb().getName()) {
			@Override
			public MongoDatabaseFactory getMongoDatabaseFactory() {
				return admin.getMongoDatabaseFactory();
			}

			@Override
			public MongoCollection<Document> getCollection(String name) {
				MongoCollection<Document> collection = mongo.getCollection(name);
				return (MongoCollection<Document>) Proxy.newProxyInstance(getClass().getClassLoader(),
						new Class<?>[] { MongoCollection.class }, (proxy, method, arguments) -> {
							Object result;
							try {
								result = method.invoke(collection, arguments);
							}
							catch (InvocationTargetException ex) {
								throw ex.getCause();
							}
							if (method.getName().equals("bulkWrite") || method.getName().equals("insertMany")) {
								throw new MongoBulkWriteException(BulkWriteResult.unacknowledged(), List.of(),
										new WriteConcernError(64, "WriteConcernTimeout",
												"waiting for replication timed out", new BsonDocument()),
										new ServerAddress(), Set.of());
							}
							return result;
						});
			}
		};
	}

	private void stripTopicIds() {
		marksInArrays(false);
		for (String topic : this.brokerIds.keySet()) {
			this.mongo.getCollection(topic)
				.updateMany(new Document(), new Document("$unset", new Document("topicId", "")));
		}
	}

	/**
	 * Rewrites the marks of every aggregate document as versions before
	 * {@link Aggregates#MARKS} kept them: an array of documents, with or without topic
	 * ids.
	 */
	private void marksInArrays(boolean withTopicIds) {
		for (Aggregate aggregate : Aggregate.values()) {
			MongoCollection<Document> collection = this.mongo.getCollection(aggregate.collection());
			for (Document document : collection.find()) {
				List<Document> marks = new ArrayList<>();
				// a mark without an id stays without one
				Mark.of(document, (topic) -> "none").applied().forEach((source, offset) -> {
					Document mark = new Document("t", source.topic());
					if (withTopicIds) {
						mark.append("i", source.topicId());
					}
					marks.add(mark.append("p", source.partition()).append("o", offset));
				});
				collection.updateOne(new Document("_id", document.get("_id")),
						new Document("$set", new Document(Aggregates.APPLIED, marks)).append("$unset",
								new Document(Aggregates.MARKS, "")));
			}
		}
	}

	private static Map<String, List<Document>> withoutMarks(Map<String, List<Document>> documents) {
		Map<String, List<Document>> stripped = new HashMap<>();
		withoutVersions(documents)
			.forEach((collection, list) -> stripped.put(collection, list.stream().map((document) -> {
				Document copy = new Document(document);
				copy.remove(Aggregates.APPLIED);
				copy.remove(Aggregates.MARKS);
				return copy;
			}).toList()));
		return stripped;
	}

	private List<StoreResult> take(List<Arrival> batch) {
		List<StoreResult> results = new ArrayList<>();
		results.addAll(this.rawEvents.store(byTopic(batch)));
		this.aggregates
			.apply(results.stream().filter((result) -> result.outcome().counts()).map(StoreResult::arrival).toList());
		return results;
	}

	private static List<Outcome> outcomes(List<StoreResult> results) {
		return results.stream().map(StoreResult::outcome).toList();
	}

	private static Map<String, List<Arrival>> byTopic(List<Arrival> batch) {
		Map<String, List<Arrival>> byTopic = new java.util.LinkedHashMap<>();
		batch.forEach((arrival) -> byTopic.computeIfAbsent(arrival.coordinates().topic(), (key) -> new ArrayList<>())
			.add(arrival));
		return byTopic;
	}

	/** The events as records spread over partitions by key, offsets in order. */
	private List<Arrival> arrivals(List<TestEvent> events, int partitions) {
		List<Arrival> arrivals = new ArrayList<>();
		for (TestEvent event : events) {
			int partition = Math.floorMod(event.key().hashCode(), partitions);
			String topic = event.role();
			long offset = this.nextOffset.merge(topic + "-" + partition, 1L, Long::sum);
			arrivals.add(arrival(event, topic, partition, offset));
		}
		return arrivals;
	}

	private Arrival arrival(TestEvent event, String topic, int partition, long offset) {
		return new Arrival(new Coordinates(topic, partition, offset),
				this.reader.read(KINDS.get(event.role()), event.json().getBytes(StandardCharsets.UTF_8)));
	}

	private static List<List<Arrival>> batches(List<Arrival> arrivals, int size) {
		List<List<Arrival>> batches = new ArrayList<>();
		for (int i = 0; i < arrivals.size(); i += size) {
			batches.add(arrivals.subList(i, Math.min(arrivals.size(), i + size)));
		}
		return batches;
	}

	private static ExpectedInsights expected(List<Arrival> arrivals) {
		ExpectedInsights expected = new ExpectedInsights();
		Map<String, Boolean> seen = new HashMap<>();
		for (Arrival arrival : arrivals) {
			String topic = arrival.coordinates().topic();
			if (seen.putIfAbsent(topic + "/" + arrival.event().id(), true) == null) {
				expected.add(topic, json.readTree(arrival.received().document().toJson()));
			}
		}
		return expected;
	}

	private void assertAll(ExpectedInsights expected) {
		Instant from = TestEvents.START.minusSeconds(3600);
		Instant to = TestEvents.START.plusSeconds(8 * 3600);
		for (String location : expected.hourly.keySet()) {
			expected.assertHourly(location, json.valueToTree(this.insights.hourly(location, from, to)));
		}
		for (String product : expected.products.keySet()) {
			Summaries.ProductInsights insights = this.insights.product(product).orElseThrow();
			expected.assertProduct(product, json.valueToTree(insights));
			assertProductHoursAddUpTo(insights, this.insights.productHours(product, from, to));
		}
		for (String platform : expected.platforms.keySet()) {
			expected.assertPlatform(platform,
					json.valueToTree(this.insights.sentiment(platform.isEmpty() ? null : platform, from, to)));
		}
		assertThat(this.insights.locations(0, 100).items()).extracting("location")
			.containsExactlyInAnyOrderElementsOf(expected.hourly.keySet());
		assertThat(this.insights.products(0, 100).items()).extracting("productId")
			.containsExactlyElementsOf(expected.products.keySet());
		assertThat(this.insights.platforms(0, 100).items()).containsExactlyElementsOf(
				expected.platforms.keySet().stream().filter((platform) -> !platform.isEmpty()).sorted().toList());
	}

	/** A product's hours hold its feedback, each in the hour it was submitted. */
	private static void assertProductHoursAddUpTo(Summaries.ProductInsights product, Summaries.ProductHours hours) {
		long count = 0;
		double ratingSum = 0;
		for (Summaries.ProductHour hour : hours.hours()) {
			assertThat(hour.feedback().count()).isPositive();
			assertThat(hour.hour().getEpochSecond() % 3600).isZero();
			count += hour.feedback().count();
			ratingSum += hour.feedback().ratingMean() * hour.feedback().count();
		}
		assertThat(count).as(product.productId() + " feedback").isEqualTo(product.feedback().count());
		if (count > 0) {
			assertThat(ratingSum / count).as(product.productId() + " mean rating")
				.isCloseTo(product.feedback().ratingMean(), org.assertj.core.api.Assertions.within(1e-9));
		}
	}

	private Map<String, List<Document>> aggregateDocuments() {
		Map<String, List<Document>> documents = new HashMap<>();
		for (Aggregate aggregate : Aggregate.values()) {
			documents.put(aggregate.collection(),
					this.mongo.getCollection(aggregate.collection()).find().into(new ArrayList<>()));
		}
		return documents;
	}

	private static Map<String, List<Document>> withoutVersions(Map<String, List<Document>> documents) {
		Map<String, List<Document>> stripped = new HashMap<>();
		documents.forEach((collection, list) -> stripped.put(collection, list.stream().map((document) -> {
			Document copy = new Document(document);
			copy.remove(Aggregates.VERSION);
			return copy;
		}).toList()));
		return stripped;
	}

}
