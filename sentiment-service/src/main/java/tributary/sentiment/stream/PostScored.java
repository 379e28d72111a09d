package tributary.sentiment.stream;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * The value of a customer_sentiment record: one scored post, as
 * {@code contracts/customer_sentiment.schema.json} describes it.
 *
 * @param id the record's id, the post's id: one record per post
 * @param postId the post's id
 * @param author who posted it
 * @param platform where it was posted
 * @param location where its author was, if known
 * @param productId the product it is about, if known
 * @param createdAt when it was posted
 * @param ingestedAt when ingest-service accepted it, if it did
 * @param analyzedAt when this service scored it
 * @param compound the overall sentiment, in [-1, 1]
 * @param positive the share of positive valence
 * @param neutral the share of neutral words
 * @param negative the share of negative valence
 * @param label {@code positive}, {@code neutral} or {@code negative}
 * @param engineVersion the engine and lexicon that scored it
 */
record PostScored(String id, String postId, String author, String platform, @Nullable String location,
		@Nullable String productId, @JsonSerialize(using = IsoInstants.Writer.class) Instant createdAt,
		@JsonSerialize(using = IsoInstants.Writer.class) @Nullable Instant ingestedAt,
		@JsonSerialize(using = IsoInstants.Writer.class) Instant analyzedAt, double compound, double positive,
		double neutral, double negative, String label, String engineVersion) {

}
