package tributary.warehouse.intake;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.warehouse.alerts.Alerts;
import tributary.warehouse.events.AlertRaised;
import tributary.warehouse.events.Arrival;
import tributary.warehouse.events.Coordinates;
import tributary.warehouse.events.EventReader;
import tributary.warehouse.events.InvalidEvent;
import tributary.warehouse.events.Outcome;
import tributary.warehouse.events.RawEvents;
import tributary.warehouse.events.SourceTopics;
import tributary.warehouse.events.StoreResult;
import tributary.warehouse.insights.Aggregates;
import tributary.warehouse.insights.Contributions;

import org.springframework.kafka.listener.BatchMessageListener;

/**
 * Takes one batch of records from the consumed topics into the store.
 *
 * <p>
 * Values arrive as bytes and are read here rather than by a deserializer, so that a
 * record that is not JSON and one that is JSON but breaks its contract are handled the
 * same way: dead-lettered byte for byte, while the rest of the batch, and the partition,
 * flow on. Everything that can fail because of a record alone (reading it, checking its
 * contract, building its document, computing what it adds to the aggregates) is done per
 * record before anything is written. If the batch's writes still fail for a reason that
 * will not pass by itself ({@link Faults}), its records are written again one at a time,
 * so that the one the store refuses is found and dead-lettered and the others are stored:
 * every step is idempotent, and one record at a time keeps each partition in offset
 * order. Anything this method throws is transient: the container's error handler then
 * retries the whole batch without committing.
 */
class WarehouseListener implements BatchMessageListener<byte[], byte[]> {

	private static final Logger log = LoggerFactory.getLogger(WarehouseListener.class);

	private final SourceTopics topics;

	private final EventReader reader;

	private final RawEvents rawEvents;

	private final Aggregates aggregates;

	private final Alerts alerts;

	private final DeadLetters deadLetters;

	private final IntakeMetrics metrics;

	WarehouseListener(SourceTopics topics, EventReader reader, RawEvents rawEvents, Aggregates aggregates,
			Alerts alerts, DeadLetters deadLetters, IntakeMetrics metrics) {
		this.topics = topics;
		this.reader = reader;
		this.rawEvents = rawEvents;
		this.aggregates = aggregates;
		this.alerts = alerts;
		this.deadLetters = deadLetters;
		this.metrics = metrics;
	}

	@Override
	public void onMessage(List<ConsumerRecord<byte[], byte[]>> records) {
		Map<Coordinates, ConsumerRecord<byte[], byte[]>> consumed = new LinkedHashMap<>();
		List<Arrival> arrivals = new ArrayList<>(records.size());
		Map<Arrival, Contributions.Computed> contributions = new IdentityHashMap<>(records.size() * 2);
		List<Rejection> unusable = new ArrayList<>();
		for (ConsumerRecord<byte[], byte[]> record : records) {
			Coordinates coordinates = new Coordinates(record.topic(), record.partition(), record.offset());
			try {
				Arrival arrival = new Arrival(coordinates,
						this.reader.read(this.topics.kindOf(record.topic()), record.value()));
				contributions.put(arrival, Contributions.check(arrival.event()));
				arrivals.add(arrival);
				consumed.put(coordinates, record);
			}
			catch (InvalidEvent ex) {
				unusable.add(new Rejection(record, ex.reason(), InvalidEvent.class));
			}
			catch (RuntimeException | StackOverflowError ex) {
				if (Faults.isTransient(ex)) {
					throw ex;
				}
				unusable.add(new Rejection(record, "cannot be processed: " + describe(ex), exceptionType(ex)));
			}
		}
		List<StoreResult> results = new ArrayList<>(arrivals.size());
		try {
			store(arrivals, results, contributions);
		}
		catch (RuntimeException ex) {
			if (Faults.isTransient(ex)) {
				throw ex;
			}
			log.warn("A batch of {} records could not be stored ({}); storing them one at a time", arrivals.size(),
					describe(ex));
			results.clear();
			storeOneByOne(arrivals, consumed, results, unusable, contributions);
		}
		List<Rejection> rejections = new ArrayList<>(unusable);
		for (StoreResult result : results) {
			if (result.outcome() == Outcome.UNSTORABLE) {
				rejections.add(new Rejection(recordOf(consumed, result.arrival().coordinates()),
						"the store refused the document: " + result.problem(), IllegalArgumentException.class));
			}
		}
		this.deadLetters.publish(rejections);
		// Counted once the whole batch is through, so that a retried batch does not count
		// its dead letters twice; unstorable results count themselves.
		try {
			this.metrics.stored(results);
			unusable.forEach((rejection) -> this.metrics.deadLettered(rejection.record().topic()));
		}
		catch (RuntimeException ex) {
			// Everything is stored and dead-lettered: a
			// metric must not make it all retry.
			log.warn("Could not record the metrics of a batch", ex);
		}
		log.debug("Took {} records: {} dead-lettered", records.size(), rejections.size());
	}

	/**
	 * Stores the raw events of every topic (one write), then folds the counted ones into
	 * the aggregates (one write, and one more per round of lost races) and keeps the
	 * counted alerts.
	 */
	private void store(List<Arrival> arrivals, List<StoreResult> results,
			Map<Arrival, Contributions.Computed> contributions) {
		Map<String, List<Arrival>> byTopic = new LinkedHashMap<>();
		arrivals
			.forEach((arrival) -> byTopic.computeIfAbsent(arrival.coordinates().topic(), (topic) -> new ArrayList<>())
				.add(arrival));
		results.addAll(this.rawEvents.store(byTopic));
		List<Arrival> counted = results.stream()
			.filter((result) -> result.outcome().counts())
			.map(StoreResult::arrival)
			.toList();
		this.aggregates.apply(counted, contributions::get);
		this.alerts.record(counted.stream()
			.map(Arrival::event)
			.filter(AlertRaised.class::isInstance)
			.map(AlertRaised.class::cast)
			.toList());
	}

	/**
	 * The safety net: each record on its own, in batch order (which is offset order
	 * within a partition); one that fails for a reason that does not pass is
	 * dead-lettered.
	 */
	private void storeOneByOne(List<Arrival> arrivals, Map<Coordinates, ConsumerRecord<byte[], byte[]>> consumed,
			List<StoreResult> results, List<Rejection> refused, Map<Arrival, Contributions.Computed> contributions) {
		for (Arrival arrival : arrivals) {
			List<StoreResult> one = new ArrayList<>(1);
			try {
				store(List.of(arrival), one, contributions);
				results.addAll(one);
			}
			catch (RuntimeException ex) {
				if (Faults.isTransient(ex)) {
					throw ex;
				}
				refused.add(new Rejection(recordOf(consumed, arrival.coordinates()),
						"could not be stored: " + describe(ex), exceptionType(ex)));
			}
		}
	}

	/** Every arrival was read from a record of this batch, kept under its coordinates. */
	private static ConsumerRecord<byte[], byte[]> recordOf(Map<Coordinates, ConsumerRecord<byte[], byte[]>> consumed,
			Coordinates coordinates) {
		ConsumerRecord<byte[], byte[]> record = consumed.get(coordinates);
		if (record == null) {
			throw new IllegalStateException("No record of this batch at " + coordinates);
		}
		return record;
	}

	@SuppressWarnings("unchecked")
	private static Class<? extends Exception> exceptionType(Throwable ex) {
		return (ex instanceof Exception) ? (Class<? extends Exception>) ex.getClass() : IllegalStateException.class;
	}

	private static String describe(Throwable ex) {
		String message = String.valueOf(ex.getMessage());
		if (message.length() > 300) {
			message = message.substring(0, 300) + "…";
		}
		return ex.getClass().getSimpleName() + ": " + message;
	}

}
