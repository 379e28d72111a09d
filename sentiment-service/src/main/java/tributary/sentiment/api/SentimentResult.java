package tributary.sentiment.api;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import tributary.sentiment.engine.Explanation;
import tributary.sentiment.engine.SentimentScore;
import tributary.support.text.Utf8;

/**
 * The sentiment of one text as the API returns it.
 *
 * @param compound the overall sentiment, in [-1, 1]: for the model P(positive) -
 * P(negative)
 * @param positive the share of positive valence, or for the model P(positive)
 * @param neutral the share of neutral words, or for the model P(neutral)
 * @param negative the share of negative valence, or for the model P(negative)
 * @param label {@code positive}, {@code neutral} or {@code negative}: for the rules the
 * band of the compound score, for the model its most probable class
 * @param engineVersion the scorer and the exact lexicon or model that scored, as on every
 * customer_sentiment record
 * @param explanation the features that pushed the decision most, only when asked for
 */
@Schema(name = "SentimentResult", description = "The sentiment of one text")
@JsonInclude(JsonInclude.Include.NON_NULL)
record SentimentResult(@Schema(minimum = "-1", maximum = "1", example = "0.8316") double compound,
		@Schema(minimum = "0", maximum = "1") double positive, @Schema(minimum = "0", maximum = "1") double neutral,
		@Schema(minimum = "0", maximum = "1") double negative, @Schema(allowableValues = {
				"positive", "neutral", "negative" }) String label,
		@Schema(description = "The scorer that scored, with its exact lexicon or model; scores of different "
				+ "versions are not comparable", example = "tributary-sentiment/1") String engineVersion,
		@ArraySchema(
				arraySchema = @Schema(description = "Only with explain=true: the features that pushed the "
						+ "decision most, largest push first (at most " + ScoreController.EXPLAIN_LIMIT + ")"),
				schema = @Schema(implementation = Contribution.class)) @Nullable List<Contribution> explanation){

	static SentimentResult of(SentimentScore score, String engineVersion) {
		return new SentimentResult(score.compound(), score.positive(), score.neutral(), score.negative(),
				score.label().name().toLowerCase(Locale.ROOT), engineVersion, null);
	}

	static SentimentResult of(Explanation explanation, String engineVersion) {
		SentimentScore score = explanation.score();
		return new SentimentResult(score.compound(), score.positive(), score.neutral(), score.negative(),
				score.label().name().toLowerCase(Locale.ROOT), engineVersion,
				explanation.contributions().stream().map(Contribution::of).toList());
	}

	/**
	 * What one feature of the text added to the decision.
	 *
	 * @param feature the feature as a person reads it
	 * @param weight its signed push
	 */
	@Schema(name = "Contribution",
			description = "One feature of the text and its push: positive towards positive, negative towards negative")
	record Contribution(
			@Schema(description = "The feature as a person reads it: a word, \"not good\", an emoticon "
					+ "or emoji, a character n-gram in quotes", example = "not good") String feature,
			@Schema(description = "The signed push, in the scorer's own unit: for the rules the valence the word "
					+ "added to the sum that compound squashes, for the model the change in log-odds between "
					+ "positive and negative; compare weights within one answer", example = "-1.406") double weight) {

		static Contribution of(Explanation.Contribution contribution) {
			return new Contribution(wellFormed(contribution.feature()), contribution.weight());
		}

		/**
		 * A feature may be cut from the text (a character n-gram), and a text may hold a
		 * lone surrogate, which a UTF-8 JSON writer refuses: it becomes U+FFFD here so
		 * that the answer can be written.
		 */
		private static String wellFormed(String feature) {
			int at = Utf8.unpairedSurrogate(feature, 0);
			if (at < 0) {
				return feature;
			}
			StringBuilder out = new StringBuilder(feature.length());
			int copied = 0;
			while (at >= 0) {
				out.append(feature, copied, at).append('\uFFFD');
				copied = at + 1;
				at = Utf8.unpairedSurrogate(feature, copied);
			}
			return out.append(feature, copied, feature.length()).toString();
		}

	}

}
