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
 * @param compound the overall sentiment, in [-1, 1]: for the model P(positive) -
 * P(negative)
 * @param positive the share of positive valence, or for the model P(positive)
 * @param neutral the share of neutral words, or for the model P(neutral)
 * @param negative the share of negative valence, or for the model P(negative)
 * @param label {@code positive}, {@code neutral} or {@code negative}: the score's label
 * (the compound band for the rules, the most probable class for the model)
 * @param engineVersion the scorer's {@code version()}: the engine and the exact lexicon
 * or model that scored it
 */
record PostScored(String id, String postId, String author, String platform, @Nullable String location,
		@Nullable String productId, @JsonSerialize(using = IsoInstants.Writer.class) Instant createdAt,
		@JsonSerialize(using = IsoInstants.Writer.class) @Nullable Instant ingestedAt,
		@JsonSerialize(using = IsoInstants.Writer.class) Instant analyzedAt, double compound, double positive,
		double neutral, double negative, String label, String engineVersion) {

}
