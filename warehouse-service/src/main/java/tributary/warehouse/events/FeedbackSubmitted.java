package tributary.warehouse.events;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Customer feedback ({@code customer_feedback}).
 *
 * @param id the feedback's id
 * @param rating 1 to 5
 * @param submittedAt when the customer gave it
 * @param productId the product it is about, if any
 * @param location where the customer is, if known
 * @param ingestedAt when ingest accepted it
 */
public record FeedbackSubmitted(String id, int rating, Instant submittedAt, @Nullable String productId,
		@Nullable String location, Instant ingestedAt) implements Event {

	public FeedbackSubmitted {
		if (rating < 1 || rating > 5) {
			throw new IllegalArgumentException("rating must be 1 to 5 but was " + rating);
		}
	}

}
