package tributary.warehouse.intake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.warehouse.events.Arrival;
import tributary.warehouse.events.Coordinates;
import tributary.warehouse.events.EventReader;
import tributary.warehouse.events.InvalidEvent;
import tributary.warehouse.events.Outcome;
import tributary.warehouse.events.RawEvents;
import tributary.warehouse.events.SourceTopics;
import tributary.warehouse.events.StoreResult;
import tributary.warehouse.insights.Aggregates;

import org.springframework.kafka.listener.BatchMessageListener;

/**
 * Takes one batch of records from the four topics into the store.
 *
 * <p>
 * Values arrive as bytes and are read here rather than by a deserializer, so that a
 * record that is not JSON and one that is JSON but breaks its contract are handled the
 * same way: dead-lettered byte for byte, while the rest of the batch, and the partition,
 * flow on. Anything this method throws means the store (or the broker, for dead letters)
 * could not be reached; the container's error handler then retries the whole batch
 * without committing, which is safe because every step is idempotent.
 */
class WarehouseListener implements BatchMessageListener<byte[], byte[]> {

	private static final Logger log = LoggerFactory.getLogger(WarehouseListener.class);

	private final SourceTopics topics;

	private final EventReader reader;

	private final RawEvents rawEvents;

	private final Aggregates aggregates;

	private final DeadLetters deadLetters;

	private final IntakeMetrics metrics;

	WarehouseListener(SourceTopics topics, EventReader reader, RawEvents rawEvents, Aggregates aggregates,
			DeadLetters deadLetters, IntakeMetrics metrics) {
		this.topics = topics;
		this.reader = reader;
		this.rawEvents = rawEvents;
		this.aggregates = aggregates;
		this.deadLetters = deadLetters;
		this.metrics = metrics;
	}

	@Override
	public void onMessage(List<ConsumerRecord<byte[], byte[]>> records) {
		Map<String, List<Arrival>> arrivals = new LinkedHashMap<>();
		Map<Coordinates, ConsumerRecord<byte[], byte[]>> consumed = new LinkedHashMap<>();
		List<Rejection> rejections = new ArrayList<>();
		for (ConsumerRecord<byte[], byte[]> record : records) {
			Coordinates coordinates = new Coordinates(record.topic(), record.partition(), record.offset());
			try {
				Arrival arrival = new Arrival(coordinates,
						this.reader.read(this.topics.kindOf(record.topic()), record.value()));
				arrivals.computeIfAbsent(record.topic(), (topic) -> new ArrayList<>()).add(arrival);
				consumed.put(coordinates, record);
			}
			catch (InvalidEvent ex) {
				rejections.add(new Rejection(record, ex.getMessage(), InvalidEvent.class));
			}
		}
		List<StoreResult> results = new ArrayList<>(records.size());
		arrivals.forEach((topic, ofTopic) -> results.addAll(this.rawEvents.store(topic, ofTopic)));
		List<Arrival> counted = new ArrayList<>(results.size());
		for (StoreResult result : results) {
			if (result.outcome().counts()) {
				counted.add(result.arrival());
			}
			else if (result.outcome() == Outcome.UNSTORABLE) {
				rejections.add(new Rejection(consumed.get(result.arrival().coordinates()),
						"the store refused the document: " + result.problem(), IllegalArgumentException.class));
			}
		}
		this.aggregates.apply(counted);
		this.deadLetters.publish(rejections);
		// Counted once the whole batch is through, so that a retried batch does not count
		// its dead letters twice.
		this.metrics.stored(results);
		rejections.stream()
			.filter((rejection) -> rejection.problem() == InvalidEvent.class)
			.forEach((rejection) -> this.metrics.deadLettered(rejection.record().topic()));
		log.debug("Took {} records: {} counted, {} dead-lettered", records.size(), counted.size(), rejections.size());
	}

}
