package tributary.sentiment.engine;

/**
 * The rules engine's lexicon as a look-up of single words, for a trained model's
 * features: VADER's valences and our additions, emoticons and emoji included.
 */
public final class Valences {

	private final Lexicon lexicon;

	private Valences(Lexicon lexicon) {
		this.lexicon = lexicon;
	}

	/** Loads the lexicons from the classpath; one instance serves every thread. */
	public static Valences load() {
		return new Valences(Lexicon.load());
	}

	/**
	 * The valence of a word, emoticon or emoji on VADER's −4..+4 scale.
	 * @param key holds it, words in lower case
	 * @param offset where it starts
	 * @param length how many chars it has
	 * @return its valence, or 0 when the lexicon does not know it or it carries none
	 */
	public float valence(char[] key, int offset, int length) {
		int id = this.lexicon.find(key, offset, length);
		return this.lexicon.hasValence(id) ? this.lexicon.valence(id) : 0;
	}

}
