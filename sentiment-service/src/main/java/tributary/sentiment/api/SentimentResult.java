package tributary.sentiment.api;

import java.util.Locale;

import io.swagger.v3.oas.annotations.media.Schema;
import tributary.sentiment.engine.SentimentScore;

/**
 * The sentiment of one text as the API returns it.
 *
 * @param compound the overall sentiment, in [-1, 1]
 * @param positive the share of positive valence
 * @param neutral the share of neutral words
 * @param negative the share of negative valence
 * @param label {@code positive} (compound at least 0.05), {@code negative} (at most
 * -0.05) or {@code neutral}
 */
@Schema(name = "SentimentResult", description = "The sentiment of one text")
record SentimentResult(@Schema(minimum = "-1", maximum = "1", example = "0.8316") double compound,
		@Schema(minimum = "0", maximum = "1") double positive, @Schema(minimum = "0", maximum = "1") double neutral,
		@Schema(minimum = "0", maximum = "1") double negative, @Schema(allowableValues = {
				"positive", "neutral", "negative" }) String label){

	static SentimentResult of(SentimentScore score) {
		return new SentimentResult(score.compound(), score.positive(), score.neutral(), score.negative(),
				score.label().name().toLowerCase(Locale.ROOT));
	}

}
