package tributary.warehouse.events;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A social media post ({@code social_media}).
 *
 * @param id the post's id
 * @param platform where it was posted
 * @param createdAt when it was posted
 * @param location where, if known
 * @param productId the product it names, if any
 * @param ingestedAt when ingest accepted it
 */
public record PostPublished(String id, String platform, Instant createdAt, @Nullable String location,
		@Nullable String productId, Instant ingestedAt) implements Event {
}
