package tributary.sentiment.api;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One text to score, as the API documentation shows it; requests are read by
 * {@link ScoreRequest}.
 *
 * @param text the text, at most {@code tributary.sentiment.api.max-text-length}
 * characters
 */
@Schema(name = "TextToScore", description = "A text to score")
record TextToScore(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 10_000,
		example = "The new headphones are sooo good 🔥") String text) {

}
