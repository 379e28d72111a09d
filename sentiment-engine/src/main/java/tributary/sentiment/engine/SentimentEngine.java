package tributary.sentiment.engine;

/**
 * Scores the sentiment of short social text. Deterministic, thread-safe, no network.
 */
public final class SentimentEngine {

	/**
	 * Names the engine and its lexicon in every scored record; bump it when scores
	 * change.
	 */
	public static final String VERSION = "tributary-sentiment/1";

	private SentimentEngine() {
	}

	/** Loads the lexicons from the classpath; one instance serves every thread. */
	public static SentimentEngine create() {
		return new SentimentEngine();
	}

	/**
	 * Scores a text.
	 * @param text any text, possibly empty
	 * @return its sentiment
	 */
	public SentimentScore score(String text) {
		throw new UnsupportedOperationException("The scoring rules are being written (issue 4)");
	}

	public String version() {
		return VERSION;
	}

}
