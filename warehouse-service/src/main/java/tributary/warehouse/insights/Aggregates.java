package tributary.warehouse.insights;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.warehouse.events.Arrival;
import tributary.warehouse.events.Coordinates;
import tributary.warehouse.events.StoreErrorCodes;
import tributary.warehouse.events.TopicIds;
import tributary.warehouse.insights.Contributions.Target;
import tributary.warehouse.store.BatchWrites;
import tributary.warehouse.store.Write;
import tributary.warehouse.system.WarehouseProperties;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * Folds counted events into the aggregate documents, each exactly once (see the
 * {@linkplain tributary.warehouse.insights package description} for why this is exact).
 *
 * <p>
 * The consumers of one instance fold into the same hourly documents at once. Rather than
 * race each other for them, each paying its own durable write and a re-read and rewrite
 * for every race it loses, their batches' aggregates are combined
 * ({@link CombinedWrites}): a batch that finds no aggregate write in progress writes its
 * own parts and those of every batch that waits, with one read of the marks and one
 * write; the others wait and return once theirs was written, or with what that write
 * threw. Lost races remain between instances, and are retried as before.
 */
@Repository
public class Aggregates {

	private static final Logger log = LoggerFactory.getLogger(Aggregates.class);

	static final String VERSION = "version";

	/**
	 * The marks: per source partition, the highest offset folded in, one field each
	 * ({@link Source#key}).
	 */
	static final String MARKS = "marks";

	/**
	 * Where marks were kept before {@link #MARKS}: an array of one document per source
	 * partition, five values each. Still read; the next write of a document moves its
	 * marks to {@link #MARKS}.
	 */
	static final String APPLIED = "applied";

	static final String LOCATIONS = "locations";

	private static final int DUPLICATE_KEY = 11000;

	private final MongoTemplate mongo;

	private final BatchWrites writes;

	private final TopicIds topicIds;

	private final int maxConflictRetries;

	private final Counter conflicts;

	private final CombinedWrites<Map<Target, List<Part>>> combined;

	private final RememberedMarks remembered;

	public Aggregates(MongoTemplate mongo, BatchWrites writes, TopicIds topicIds, WarehouseProperties properties,
			MeterRegistry meters) {
		this.mongo = mongo;
		this.writes = writes;
		this.topicIds = topicIds;
		this.maxConflictRetries = properties.store().maxConflictRetries();
		this.remembered = new RememberedMarks(properties.store().rememberedMarks());
		this.conflicts = Counter.builder("tributary.warehouse.aggregate.conflicts")
			.description("Aggregate documents another writer changed between read and write, re-read and retried")
			.register(meters);
		this.combined = new CombinedWrites<>(this::writeTogether, Aggregates::sharedByAll,
				DistributionSummary.builder("tributary.warehouse.aggregate.combined")
					.description("Batches whose aggregates were written together in one write, per write")
					.register(meters));
	}

	/**
	 * Folds events into every aggregate they belong to. Safe to call again with any of
	 * the same events (a redelivery): what is in already is not added twice.
	 * @param counted records that count, in partition order, of their topics' current
	 * incarnations
	 * @throws com.mongodb.MongoException if the store cannot be reached or could not
	 * confirm the write concern; calling again with the same events then completes the
	 * work
	 */
	public void apply(List<Arrival> counted) {
		apply(counted, (arrival) -> null);
	}

	/**
	 * Folds events into every aggregate they belong to, as {@link #apply(List)} does,
	 * with what they add computed already where it was.
	 * @param counted records that count, in partition order, of their topics' current
	 * incarnations
	 * @param computed what {@link Contributions#check} gave for an arrival, or
	 * {@code null} to compute it here
	 */
	public void apply(List<Arrival> counted, Function<Arrival, Contributions.@Nullable Computed> computed) {
		Map<Target, List<Part>> parts = parts(counted, computed);
		if (!parts.isEmpty()) {
			this.combined.submit(parts);
		}
	}

	/** How many batches wait for the aggregate write in progress to end. */
	int waitingBatches() {
		return this.combined.waiting();
	}

	/** What each record adds to each document, per document in the records' order. */
	Map<Target, List<Part>> parts(List<Arrival> counted, Function<Arrival, Contributions.@Nullable Computed> computed) {
		Map<Target, List<Part>> parts = new LinkedHashMap<>();
		Map<String, String> topicIds = new HashMap<>();
		for (Arrival arrival : counted) {
			Coordinates at = arrival.coordinates();
			Source source = new Source(at.topic(), topicIds.computeIfAbsent(at.topic(), this.topicIds::current),
					at.partition());
			BiConsumer<Target, Change> sink = (target, change) -> parts
				.computeIfAbsent(target, (key) -> new ArrayList<>())
				.add(new Part(source, at.offset(), change));
			Contributions.Computed known = computed.apply(arrival);
			if (known != null) {
				known.forEach(sink);
			}
			else {
				Contributions.of(arrival.event(), sink);
			}
		}
		return parts;
	}

	/**
	 * Writes the parts of several batches together: for each document, the parts of all
	 * of them, each tagged with the batch it came from so that a record two batches hold
	 * (a consumer fenced by a rebalance and the partition's new owner) counts once.
	 * @param batches the parts of each batch
	 */
	void writeTogether(List<Map<Target, List<Part>>> batches) {
		Map<Target, List<Part>> parts;
		if (batches.size() == 1) {
			parts = batches.get(0);
		}
		else {
			parts = new LinkedHashMap<>();
			for (int batch = 0; batch < batches.size(); batch++) {
				for (Map.Entry<Target, List<Part>> target : batches.get(batch).entrySet()) {
					List<Part> merged = parts.computeIfAbsent(target.getKey(), (key) -> new ArrayList<>());
					for (Part part : target.getValue()) {
						merged.add(part.of(batch));
					}
				}
			}
		}
		Map<Aggregate, List<Target>> byCollection = parts.keySet()
			.stream()
			.collect(Collectors.groupingBy(Target::aggregate, LinkedHashMap::new, Collectors.toList()));
		write(byCollection, parts, locations(parts.keySet()));
	}

	/**
	 * Whether a failure of a write says nothing about the documents written: the store
	 * unreachable, unsure or short of replicas, writers racing. Every batch of the write
	 * then retries as it would have alone. {@code Faults} in the intake asks
	 * {@link StoreErrorCodes#passes} too, so a batch that gets another's failure is
	 * retried, never dead-lettered; anything else is taken as being about a document.
	 */
	static boolean sharedByAll(Throwable failure) {
		if (failure instanceof ConcurrentAggregateUpdates) {
			return true;
		}
		return failure instanceof MongoException store && StoreErrorCodes.passes(store);
	}

	/**
	 * Reads the marks of the documents of every collection, then writes them and the
	 * locations in one write; what lost a race is read again and written again, in one
	 * write per round.
	 */
	private void write(Map<Aggregate, List<Target>> byCollection, Map<Target, List<Part>> parts,
			List<Write.Upsert> locations) {
		Map<Aggregate, List<Target>> pending = byCollection;
		List<Write.Upsert> pendingLocations = locations;
		for (int attempt = 0; !pending.isEmpty() || !pendingLocations.isEmpty(); attempt++) {
			List<Target> writing = new ArrayList<>();
			List<Write> writes = new ArrayList<>();
			// the marks each document of writing has once its write is confirmed
			List<Mark> written = new ArrayList<>();
			for (Map.Entry<Aggregate, List<Target>> collection : pending.entrySet()) {
				if (attempt > this.maxConflictRetries) {
					throw new ConcurrentAggregateUpdates(collection.getKey().collection(), collection.getValue().size(),
							attempt);
				}
				Map<String, Mark> marks = marks(collection.getKey(), collection.getValue());
				for (Target target : collection.getValue()) {
					Mark mark = marks.getOrDefault(target.id(), Mark.ABSENT);
					Change change = new Change();
					Map<Source, Long> applied = mark.fold(parts.getOrDefault(target, List.of()), change);
					if (change.isEmpty()) {
						this.remembered.remember(target, mark);
						continue;
					}
					Write.Replace write = write(target, mark, change, applied);
					writing.add(target);
					writes.add(write);
					written.add(new Mark(mark.version() + 1, applied, write.replacement()));
				}
			}
			writes.addAll(pendingLocations);
			Map<Aggregate, List<Target>> lost = new LinkedHashMap<>();
			List<Write.Upsert> lostLocations = new ArrayList<>();
			BitSet lostWrites = new BitSet();
			try {
				this.writes.write("aggregate", writes);
			}
			catch (MongoBulkWriteException ex) {
				if (ex.getWriteConcernError() != null) {
					throw ex;
				}
				for (BulkWriteError error : ex.getWriteErrors()) {
					if (error.getCode() != DUPLICATE_KEY) {
						throw ex;
					}
					if (error.getIndex() < writing.size()) {
						Target target = writing.get(error.getIndex());
						lostWrites.set(error.getIndex());
						lost.computeIfAbsent(target.aggregate(), (key) -> new ArrayList<>()).add(target);
					}
					else if (attempt < this.maxConflictRetries) {
						// Two consumers inserting the same new location at once:
						// the second time the loser's write is an update.
						lostLocations.add(pendingLocations.get(error.getIndex() - writing.size()));
					}
					else {
						throw ex;
					}
				}
			}
			for (int i = 0; i < writing.size(); i++) {
				Target target = writing.get(i);
				if (lostWrites.get(i)) {
					this.remembered.contended(target);
				}
				else {
					this.remembered.remember(target, written.get(i));
				}
			}
			lost.forEach((aggregate, targets) -> {
				this.conflicts.increment(targets.size());
				log.debug("{} documents of {} changed under us; re-reading them", targets.size(),
						aggregate.collection());
			});
			pending = lost;
			pendingLocations = lostLocations;
		}
	}

	/**
	 * The document with what the parts above its marks add folded in, and the write that
	 * replaces it, matching only the version the marks are of. The store then applies no
	 * update operators: the embedded store's handling of each dotted {@code $inc} path
	 * was a third of what an aggregate write cost it.
	 */
	private static Write.Replace write(Target target, Mark mark, Change change, Map<Source, Long> applied) {
		Document next = copy(mark.document());
		next.put("_id", target.id());
		next.remove(APPLIED);
		change.applyTo(next);
		next.putAll(target.identity());
		next.put(MARKS, Source.toDocument(applied));
		next.put(VERSION, mark.version() + 1);
		// Matching the version read makes the write a compare-and-set; the upsert makes a
		// lost race a duplicate-key error on this very document, which an unordered bulk
		// write reports by index.
		Document expected = new Document("_id", target.id()).append(VERSION, mark.version());
		return new Write.Replace(target.aggregate().collection(), expected, next);
	}

	/**
	 * A copy of a document and of every document in it, so that what a write changes is
	 * never what was read or remembered.
	 */
	static Document copy(Document document) {
		Document copy = new Document();
		document.forEach((field, value) -> copy.put(field, (value instanceof Document nested) ? copy(nested) : value));
		return copy;
	}

	/**
	 * The marks of the documents: those this instance remembers from its last write of
	 * them, the others read from the store in one query; by document id.
	 */
	private Map<String, Mark> marks(Aggregate aggregate, List<Target> targets) {
		Map<String, Mark> marks = new HashMap<>();
		List<Target> unknown = new ArrayList<>();
		for (Target target : targets) {
			Mark mark = this.remembered.take(target);
			if (mark != null) {
				marks.put(target.id(), mark);
			}
			else {
				unknown.add(target);
			}
		}
		if (!unknown.isEmpty()) {
			marks.putAll(read(this.mongo.getCollection(aggregate.collection()), unknown, this.topicIds::unmarked));
		}
		return marks;
	}

	private static Map<String, Mark> read(MongoCollection<Document> collection, List<Target> targets,
			UnaryOperator<String> unmarked) {
		List<String> ids = targets.stream().map(Target::id).toList();
		Map<String, Mark> marks = new HashMap<>();
		for (Document document : collection.find(Filters.in("_id", ids))) {
			marks.put(document.getString("_id"), Mark.of(document, unmarked));
		}
		return marks;
	}

	/**
	 * Records every location seen with the first and last hour it has data for. Both are
	 * a minimum and a maximum, so writing them again changes nothing.
	 */
	private static List<Write.Upsert> locations(Collection<Target> targets) {
		Map<String, List<Date>> hours = new LinkedHashMap<>();
		for (Target target : targets) {
			String location = target.location();
			if (location != null) {
				hours.computeIfAbsent(location, (key) -> new ArrayList<>()).add(target.identity().getDate("hour"));
			}
		}
		List<Write.Upsert> upserts = new ArrayList<>();
		for (Map.Entry<String, List<Date>> location : hours.entrySet()) {
			List<Date> seen = location.getValue();
			upserts.add(new Write.Upsert(LOCATIONS, Filters.eq("_id", location.getKey()),
					Updates.combine(Updates.set("location", location.getKey()),
							Updates.min("firstHour", seen.stream().min(Date::compareTo).orElseThrow()),
							Updates.max("lastHour", seen.stream().max(Date::compareTo).orElseThrow()))));
		}
		return upserts;
	}

	/**
	 * A count or offset this class wrote; a document without it was not written by the
	 * warehouse.
	 */
	static long longValue(Document document, String key) {
		if (document.get(key) instanceof Number number) {
			return number.longValue();
		}
		throw new IllegalStateException("Document " + document.get("_id") + " has no number in " + key);
	}

	/**
	 * What one record adds to one document.
	 *
	 * @param source the partition of the topic's incarnation it came from
	 * @param offset its offset there
	 * @param change what it adds
	 * @param batch which of the batches written together holds it
	 */
	record Part(Source source, long offset, Change change, int batch) {

		/** A part of the only batch of a write. */
		Part(Source source, long offset, Change change) {
			this(source, offset, change, 0);
		}

		/** This part, in the given batch of a write of several. */
		Part of(int batch) {
			return new Part(this.source, this.offset, this.change, batch);
		}

	}

	/**
	 * A source partition of an aggregate: a partition of one incarnation of a topic.
	 *
	 * @param topic the topic
	 * @param topicId the Kafka id of the topic's incarnation
	 * @param partition the partition
	 */
	record Source(String topic, String topicId, int partition) {

		private static final Comparator<Source> ORDER = Comparator.comparing(Source::topic)
			.thenComparing(Source::topicId)
			.thenComparingInt(Source::partition);

		/**
		 * The marks as one document, a field per source partition in a stable order.
		 * Every write of an aggregate document writes its marks, and the store copies,
		 * encodes and decodes them each time: a number per field costs it a fifth of the
		 * values an array of documents did.
		 */
		static Document toDocument(Map<Source, Long> applied) {
			Document marks = new Document();
			applied.entrySet()
				.stream()
				.sorted(Map.Entry.comparingByKey(ORDER))
				.forEach((entry) -> marks.append(entry.getKey().key(), entry.getValue()));
			return marks;
		}

		/**
		 * The name of this source's field in {@link #MARKS}: topic, topic id and
		 * partition, separated by colons. A field name must not hold a dot, which a topic
		 * name may; Kafka allows neither a colon nor a percent sign in a topic name, and
		 * a topic id is base64url, so the dots are written as {@code %2E} and the
		 * separators cannot be mistaken.
		 */
		String key() {
			return this.topic.replace(".", "%2E") + ":" + this.topicId + ":" + this.partition;
		}

		/**
		 * The source a field of {@link #MARKS} is for.
		 * @param key the field's name, as {@link #key()} wrote it
		 * @throws IllegalStateException if the name is not one the warehouse writes
		 */
		static Source ofKey(String key) {
			int first = key.indexOf(':');
			int last = key.lastIndexOf(':');
			try {
				if (first > 0 && last > first + 1) {
					return new Source(key.substring(0, first).replace("%2E", "."), key.substring(first + 1, last),
							Integer.parseInt(key.substring(last + 1)));
				}
			}
			catch (NumberFormatException ex) {
				// not a partition: reported below
			}
			throw new IllegalStateException("Not a mark's name: " + key);
		}

	}

	/**
	 * What a document has folded in so far, and the document.
	 *
	 * @param version its version, 0 if it does not exist
	 * @param applied per source partition, the highest offset folded in, from
	 * {@link #MARKS} and, in a document written before those, {@link #APPLIED}
	 * @param document the whole document at this version, empty if it does not exist;
	 * never changed (a write changes a {@linkplain Aggregates#copy copy})
	 */
	record Mark(long version, Map<Source, Long> applied, Document document) {

		static final Mark ABSENT = new Mark(0, Map.of());

		/** The marks of a document that holds nothing else. */
		Mark(long version, Map<Source, Long> applied) {
			this(version, applied, new Document());
		}

		/**
		 * Reads a document's marks, from {@link #MARKS} and, where it has them in the
		 * earlier form, from {@link #APPLIED}.
		 * @param document the document
		 * @param unmarked the incarnation of a topic that a mark without topic id
		 * (written before ids were kept) belongs to
		 */
		static Mark of(Document document, UnaryOperator<String> unmarked) {
			Map<Source, Long> applied = new HashMap<>();
			Document marks = document.get(MARKS, Document.class);
			if (marks != null) {
				for (String key : marks.keySet()) {
					applied.merge(Source.ofKey(key), longValue(marks, key), Math::max);
				}
			}
			List<Document> inArray = document.getList(APPLIED, Document.class);
			for (Document entry : (inArray != null) ? inArray : List.<Document>of()) {
				String topic = entry.getString("t");
				String topicId = entry.getString("i");
				Source source = new Source(topic, (topicId != null) ? topicId : unmarked.apply(topic),
						entry.getInteger("p"));
				applied.merge(source, longValue(entry, "o"), Math::max);
			}
			return new Mark(longValue(document, VERSION), applied, document);
		}

		/**
		 * Adds to {@code change} the parts above these marks, each record once, and
		 * returns the marks raised by all the parts. A record is one offset of one
		 * partition: where batches written together both hold it, the parts of the first
		 * count. Within one batch this is every part above the mark as it was read.
		 */
		Map<Source, Long> fold(List<Part> parts, Change change) {
			List<Part> inOrder = new ArrayList<>(parts);
			// stable: the parts of one offset stay in the order of their batches
			inOrder.sort(Comparator.comparingLong(Part::offset));
			Map<Source, Long> raised = new HashMap<>(this.applied);
			// per partition, the batch whose record at the raised mark was folded in now
			Map<Source, Integer> foldedFrom = new HashMap<>();
			for (Part part : inOrder) {
				long mark = raised.getOrDefault(part.source(), -1L);
				if (part.offset() > mark) {
					change.addAll(part.change());
					raised.put(part.source(), part.offset());
					foldedFrom.put(part.source(), part.batch());
				}
				else if (part.offset() == mark && Integer.valueOf(part.batch()).equals(foldedFrom.get(part.source()))) {
					// another part of the record just folded in (a record may add to a
					// document more than once); the same offset of another batch is
					// the same record, in already
					change.addAll(part.change());
				}
			}
			return raised;
		}

	}

}
