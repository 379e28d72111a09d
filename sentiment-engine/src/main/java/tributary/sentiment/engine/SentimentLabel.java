package tributary.sentiment.engine;

/** The three classes of sentiment, from the compound score with a ±0.05 neutral band. */
public enum SentimentLabel {

	POSITIVE, NEUTRAL, NEGATIVE;

	/** Half the width of the neutral band around zero. */
	public static final double NEUTRAL_BAND = 0.05;

	/**
	 * The label of a compound score.
	 * @param compound a score in [-1, 1]
	 * @return positive at 0.05 and above, negative at -0.05 and below, otherwise neutral
	 */
	public static SentimentLabel of(double compound) {
		if (compound >= NEUTRAL_BAND) {
			return POSITIVE;
		}
		return (compound <= -NEUTRAL_BAND) ? NEGATIVE : NEUTRAL;
	}

}
