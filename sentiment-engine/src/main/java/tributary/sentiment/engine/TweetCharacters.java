package tributary.sentiment.engine;

/**
 * What both scorers' tokenizers, the rules engine's and the trained model's, take as
 * space, as the end of a clause and as an emoji: one definition, so that they split a
 * text alike.
 */
public final class TweetCharacters {

	private TweetCharacters() {
	}

	/** White space, no-break spaces included, and the zero-width space. */
	public static boolean isSpace(char c) {
		return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B';
	}

	/** Punctuation that ends a clause, and with it the reach of a negation. */
	public static boolean isClausePunctuation(char c) {
		return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '…';
	}

	/**
	 * Whether a code point starts an emoji (pictographs, emoticons, dingbats and the
	 * like).
	 */
	public static boolean isEmoji(int codePoint) {
		return (codePoint >= 0x1F000 && codePoint <= 0x1FAFF) || (codePoint >= 0x2600 && codePoint <= 0x27BF)
				|| (codePoint >= 0x2300 && codePoint <= 0x23FF) || (codePoint >= 0x2B00 && codePoint <= 0x2BFF)
				|| codePoint == 0x3030 || codePoint == 0x303D || codePoint == 0x3297 || codePoint == 0x3299;
	}

}
