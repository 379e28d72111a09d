package tributary.sentiment.engine;

import java.util.List;

/**
 * A score and the features that pushed it most.
 *
 * @param score the score, as {@link SentimentScorer#score(String)} gives it
 * @param contributions the largest contributions by absolute weight, largest first
 */
public record Explanation(SentimentScore score, List<Contribution> contributions) {

	public Explanation {
		contributions = List.copyOf(contributions);
	}

	/**
	 * What one feature of the text added to the decision.
	 *
	 * @param feature the feature as a person reads it: a word, {@code "not good"}, an
	 * emoticon, a character n-gram in quotes, {@code rules:compound}
	 * @param weight its signed push: positive towards {@link SentimentLabel#POSITIVE},
	 * negative towards {@link SentimentLabel#NEGATIVE}
	 */
	public record Contribution(String feature, double weight) {

	}

}
