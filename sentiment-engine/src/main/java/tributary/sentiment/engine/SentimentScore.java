package tributary.sentiment.engine;

/**
 * The sentiment of one text.
 *
 * @param compound the normalised sum of valences, in [-1, 1]
 * @param positive the share of positive valence, in [0, 1]
 * @param neutral the share of neutral words, in [0, 1]
 * @param negative the share of negative valence, in [0, 1]
 */
public record SentimentScore(double compound, double positive, double neutral, double negative) {

	public SentimentScore {
		if (!(compound >= -1 && compound <= 1)) {
			throw new IllegalArgumentException("compound must be in [-1, 1] but was " + compound);
		}
	}

	/** The label of {@link #compound()}. */
	public SentimentLabel label() {
		return SentimentLabel.of(this.compound);
	}

}
