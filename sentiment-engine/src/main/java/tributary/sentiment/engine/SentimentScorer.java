package tributary.sentiment.engine;

/**
 * Scores the sentiment of short social text: the rules engine ({@link SentimentEngine})
 * or a trained model. Implementations are deterministic and thread-safe, and never call
 * out of the process.
 */
public interface SentimentScorer {

	/**
	 * Scores a text.
	 * @param text any text, possibly empty
	 * @return its sentiment
	 */
	SentimentScore score(String text);

	/**
	 * Names the engine and the exact lexicon or model that scores, for every scored
	 * record: scores of different versions are not comparable.
	 * @return the version, e.g. {@code tributary-sentiment/1}
	 */
	String version();

	/**
	 * Scores a text and says why: the features that pushed the decision most.
	 * @param text any text, possibly empty
	 * @param limit how many contributions at most
	 * @return the score, as {@link #score(String)} gives it, with its largest
	 * contributions, largest first
	 */
	Explanation explain(String text, int limit);

}
