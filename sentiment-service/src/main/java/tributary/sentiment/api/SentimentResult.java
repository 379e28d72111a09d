package tributary.sentiment.api;

import java.util.Locale;

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
record SentimentResult(double compound, double positive, double neutral, double negative, String label) {

	static SentimentResult of(SentimentScore score) {
		return new SentimentResult(score.compound(), score.positive(), score.neutral(), score.negative(),
				score.label().name().toLowerCase(Locale.ROOT));
	}

}
