package tributary.warehouse.events;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the warehouse reads from one record: the fields its aggregates need. The record
 * itself is kept whole beside it.
 */
public sealed interface Event permits PostPublished, ReadingObserved, FeedbackSubmitted, PostScored, AlertRaised {

	/** The event's id, unique within its topic: the raw document's {@code _id}. */
	String id();

	/** When ingest accepted the event, if the producer said so. */
	@Nullable Instant ingestedAt();

}
