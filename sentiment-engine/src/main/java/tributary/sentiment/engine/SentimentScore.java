package tributary.sentiment.engine;

/**
 * The sentiment of one text.
 *
 * @param compound the normalised sum of valences, in [-1, 1]
 * @param positive the share of positive valence, in [0, 1]
 * @param neutral the share of neutral words, in [0, 1]
 * @param negative the share of negative valence, in [0, 1]
 * @param label the class: for the rules engine the band of the compound score
 * ({@link SentimentLabel#of(double)}), for a model its most probable class
 */
public record SentimentScore(double compound, double positive, double neutral, double negative, SentimentLabel label) {

	public SentimentScore {
		if (!(compound >= -1 && compound <= 1)) {
			throw new IllegalArgumentException("compound must be in [-1, 1] but was " + compound);
		}
	}

	/**
	 * A score labelled by the band of its compound score, as the rules engine labels.
	 */
	public SentimentScore(double compound, double positive, double neutral, double negative) {
		this(compound, positive, neutral, negative, SentimentLabel.of(compound));
	}

}
