package tributary.ingest.web;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

import tributary.ingest.events.Checked;
import tributary.ingest.events.EventType;
import tributary.ingest.events.RecordWriter;
import tributary.ingest.publishing.EventPublisher;
import tributary.ingest.publishing.Acknowledgements;
import tributary.ingest.system.IngestMetrics;
import tributary.ingest.system.IngestProperties;
import tributary.ingest.web.BatchResult.ItemResult;
import tributary.ingest.web.IngestProblem.BrokerUnavailable;
import tributary.ingest.web.IngestProblem.InvalidBatch;
import tributary.ingest.web.IngestProblem.InvalidEvent;
import tributary.ingest.web.IngestProblem.NotPublished;
import tributary.support.topics.TopicsProperties;

/**
 * Takes a submission from an ingest endpoint to the broker and answers only with what the
 * broker confirmed.
 *
 * <p>
 * A single event is answered {@code 202} after the broker acknowledged it. The valid
 * items of a batch are all handed to the producer before any acknowledgement is awaited,
 * so they travel together in the producer's batches instead of one round trip each; the
 * answer waits for every one of them, within {@code tributary.ingest.publish-timeout}. An
 * event whose acknowledgement did not come in time is reported as failed even though the
 * broker may still write it: clients retry with the same {@code id} (every answer that is
 * not a success carries it, also a generated one), and consumers treat ids as idempotency
 * keys. An event the broker refuses for itself (too large, an invalid record) is rejected
 * alone: the other items of its batch are still sent and reported.
 */
@Service
public class Ingestion {

	private static final Logger log = LoggerFactory.getLogger(Ingestion.class);

	private final SubmissionReader reader;

	private final EventPublisher publisher;

	private final IngestMetrics metrics;

	private final TopicsProperties topics;

	private final IngestProperties properties;

	private final Clock clock;

	private final RecordWriter writer;

	Ingestion(SubmissionReader reader, EventPublisher publisher, IngestMetrics metrics, TopicsProperties topics,
			IngestProperties properties, Clock clock, JsonMapper mapper) {
		this.reader = reader;
		this.publisher = publisher;
		this.metrics = metrics;
		this.topics = topics;
		this.properties = properties;
		this.clock = clock;
		this.writer = new RecordWriter(mapper);
	}

	/**
	 * Reads, validates and publishes what a client posted.
	 * @param type the kind of event the endpoint takes
	 * @param request the request, whose body is read here
	 * @return {@code 202} with the record's position or the batch's results, {@code 207}
	 * with each item's result if only some were published
	 * @throws IOException if the body cannot be read
	 * @throws IngestProblem for every other outcome
	 */
	public ResponseEntity<?> ingest(EventType type, HttpServletRequest request) throws IOException {
		Submission submission = this.reader.read(request);
		String topic = type.topic(this.topics);
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		long deadline = System.nanoTime() + this.properties.publishTimeout().toNanos();
		if (submission instanceof Submission.Single single) {
			return ResponseEntity.accepted().body(one(type, topic, single, now, deadline));
		}
		return many(type, topic, (Submission.Batch) submission, now, deadline);
	}

	private EventAccepted one(EventType type, String topic, Submission.Single single, Instant now, long deadline) {
		Checked checked;
		try (RecordWriter.Session records = this.writer.open()) {
			checked = type.check(single.event(), now, this.properties.futureTolerance(), records);
		}
		if (checked instanceof Checked.Invalid invalid) {
			this.metrics.rejected(topic, 1);
			throw new InvalidEvent(invalid.errors());
		}
		Checked.Valid valid = (Checked.Valid) checked;
		Timer publishing = this.metrics.publishTimer(topic);
		Acknowledgements acknowledgements = new Acknowledgements(1, publishing);
		int slot = acknowledgements.next();
		this.publisher.publish(topic, valid.key(), type, valid.value(), acknowledgements, slot);
		try {
			acknowledgements.await(deadline);
		}
		catch (InterruptedException ex) {
			// Its slot says what became of it.
			Thread.currentThread().interrupt();
		}
		if (acknowledgements.settle(slot)) {
			publishing.record(acknowledgements.nanos(slot), TimeUnit.NANOSECONDS);
			this.metrics.accepted(topic, 1);
			return new EventAccepted(valid.id(), topic, acknowledgements.partition(slot),
					acknowledgements.offset(slot));
		}
		Throwable cause = failure(acknowledgements, slot);
		if (Problems.refusesTheEvent(cause)) {
			this.metrics.rejected(topic, 1);
		}
		else {
			this.metrics.failed(topic, 1);
		}
		log.warn("Could not publish event {} to {}: {}", valid.id(), topic, String.valueOf(cause));
		throw new NotPublished(valid.id(), cause, this.properties.retryAfter());
	}

	private ResponseEntity<BatchResult> many(EventType type, String topic, Submission.Batch batch, Instant now,
			long deadline) {
		List<BatchItem> items = new ArrayList<>(batch.items().size());
		Acknowledgements acknowledgements = new Acknowledgements(batch.items().size(),
				this.metrics.publishTimer(topic));
		List<BatchItem.Sent> valid = new ArrayList<>(batch.items().size());
		try (RecordWriter.Session records = this.writer.open()) {
			for (Submission.Item item : batch.items()) {
				JsonNode event = item.event();
				if (event == null) {
					items.add(new BatchItem.Refused(item, Problems.malformedJson(String.valueOf(item.malformed()))));
					continue;
				}
				Checked checked = type.check(event, now, this.properties.futureTolerance(), records);
				if (checked instanceof Checked.Invalid invalid) {
					items.add(new BatchItem.Refused(item, Problems.invalidEvent(invalid.errors())));
					continue;
				}
				BatchItem.Sent sent = new BatchItem.Sent(item, (Checked.Valid) checked, acknowledgements.next());
				items.add(sent);
				valid.add(sent);
			}
		}
		// Every item is checked and written before the first is sent, so that the valid
		// ones reach the producer within its linger and leave in one produce request,
		// not split by the sender taking the first of them while the rest are checked.
		@Nullable Throwable unavailable = null;
		for (BatchItem.Sent sent : valid) {
			// Once a send has failed at once for want of the broker (no metadata within
			// max.block.ms) or time is up, the rest would block just as long each: they
			// fail without being tried. A send refused for its own event fails that one
			// only.
			if (unavailable == null && System.nanoTime() - deadline >= 0) {
				unavailable = new TimeoutException("publish-timeout elapsed before the event could be sent");
			}
			if (unavailable != null) {
				acknowledgements.failed(sent.slot(), unavailable);
				continue;
			}
			Checked.Valid event = sent.event();
			this.publisher.publish(topic, event.key(), type, event.value(), acknowledgements, sent.slot());
			Throwable failure = acknowledgements.failure(sent.slot());
			if (failure != null && !Problems.refusesTheEvent(failure)) {
				unavailable = failure;
			}
		}
		try {
			acknowledgements.await(deadline);
		}
		catch (InterruptedException ex) {
			// Each item's slot says what became of it.
			Thread.currentThread().interrupt();
		}
		return answer(topic, items, acknowledgements);
	}

	private ResponseEntity<BatchResult> answer(String topic, List<BatchItem> items, Acknowledgements acknowledgements) {
		List<ItemResult> results = new ArrayList<>(items.size());
		int accepted = 0;
		int rejected = 0;
		int failed = 0;
		int invalid = 0;
		@Nullable Throwable firstFailure = null;
		Timer publishing = this.metrics.publishTimer(topic);
		for (BatchItem batchItem : items) {
			Submission.Item item = batchItem.item();
			if (batchItem instanceof BatchItem.Refused refused) {
				rejected++;
				invalid++;
				results.add(ItemResult.refused(item.index(), item.line(), null, refused.problem()));
				continue;
			}
			BatchItem.Sent sent = (BatchItem.Sent) batchItem;
			int slot = sent.slot();
			if (acknowledgements.settle(slot)) {
				accepted++;
				publishing.record(acknowledgements.nanos(slot), TimeUnit.NANOSECONDS);
				results.add(ItemResult.published(item.index(), item.line(), sent.id(), acknowledgements.partition(slot),
						acknowledgements.offset(slot)));
			}
			else {
				Throwable cause = failure(acknowledgements, slot);
				if (Problems.refusesTheEvent(cause)) {
					rejected++;
				}
				else {
					failed++;
				}
				firstFailure = (firstFailure != null) ? firstFailure : cause;
				results.add(ItemResult.refused(item.index(), item.line(), sent.id(), Problems.publishFailure(cause)));
			}
		}
		this.metrics.accepted(topic, accepted);
		this.metrics.rejected(topic, rejected);
		this.metrics.failed(topic, failed);
		BatchResult result = new BatchResult(topic, accepted, rejected, failed, results);
		if (firstFailure != null) {
			log.warn("Could not publish {} of {} events to {}: {}", failed + rejected - invalid, items.size(), topic,
					String.valueOf(firstFailure));
		}
		if (accepted == items.size()) {
			return ResponseEntity.accepted().body(result);
		}
		if (accepted == 0 && failed > 0) {
			throw new BrokerUnavailable(result, this.properties.retryAfter());
		}
		if (accepted == 0) {
			throw new InvalidBatch(result);
		}
		ResponseEntity.BodyBuilder partly = ResponseEntity.status(HttpStatus.MULTI_STATUS);
		if (failed > 0) {
			partly.header(HttpHeaders.RETRY_AFTER, Long.toString(this.properties.retryAfter().toSeconds()));
		}
		return partly.body(result);
	}

	/**
	 * Why a settled slot's record was not written: what the producer said, or no answer
	 * in time.
	 */
	private static Throwable failure(Acknowledgements acknowledgements, int slot) {
		Throwable failure = acknowledgements.failure(slot);
		return (failure != null) ? failure : new TimeoutException("no acknowledgement in time");
	}

	/** One item of a batch: refused before it could be sent, or sent to the broker. */
	private sealed interface BatchItem {

		Submission.Item item();

		/**
		 * An item that was not sent: malformed or invalid.
		 *
		 * @param item the item
		 * @param problem why it was refused
		 */
		record Refused(Submission.Item item, ProblemDetail problem) implements BatchItem {
		}

		/**
		 * A valid item handed to the publisher (or failed without being tried).
		 *
		 * @param item the item
		 * @param event the checked event: its id (given or generated), key and value
		 * @param slot its slot in the request's acknowledgements
		 */
		record Sent(Submission.Item item, Checked.Valid event, int slot) implements BatchItem {

			String id() {
				return this.event.id();
			}

		}

	}

}
