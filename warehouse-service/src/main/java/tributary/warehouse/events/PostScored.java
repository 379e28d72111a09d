package tributary.warehouse.events;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The sentiment of one post ({@code customer_sentiment}); its id is the post's id, so a
 * post is scored at most once.
 *
 * @param id the post's id
 * @param platform where the post was published
 * @param createdAt when the post was published: the hour it counts in
 * @param location where, if known
 * @param productId the product the post names, if any
 * @param compound the compound score, -1 to 1
 * @param label the label the scorer gave
 * @param ingestedAt when ingest accepted the post, if known
 */
public record PostScored(String id, String platform, Instant createdAt, @Nullable String location,
		@Nullable String productId, BigDecimal compound, SentimentLabel label,
		@Nullable Instant ingestedAt) implements Event {
}
