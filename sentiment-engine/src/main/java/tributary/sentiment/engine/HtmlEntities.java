package tributary.sentiment.engine;

/**
 * Decodes the few HTML entities that social platforms leave in post text ("&amp;",
 * "&lt;3"), so that "&lt;3" is read as the heart it was written as.
 */
final class HtmlEntities {

	private static final String[] NAMES = { "amp", "lt", "gt", "quot", "apos", "nbsp" };

	private static final char[] CHARS = { '&', '<', '>', '"', '\'', ' ' };

	private HtmlEntities() {
	}

	/** The text with entities decoded; the same instance when it has none. */
	static String decode(String text) {
		int amp = text.indexOf('&');
		if (amp < 0) {
			return text;
		}
		StringBuilder decoded = null;
		int copied = 0;
		for (int i = amp; i >= 0; i = text.indexOf('&', i + 1)) {
			int semicolon = text.indexOf(';', i + 1);
			if (semicolon < 0 || semicolon - i > 10) {
				continue;
			}
			int c = entity(text, i + 1, semicolon);
			if (c < 0) {
				continue;
			}
			if (decoded == null) {
				decoded = new StringBuilder(text.length());
			}
			decoded.append(text, copied, i).appendCodePoint(c);
			copied = semicolon + 1;
			i = semicolon;
		}
		if (decoded == null) {
			return text;
		}
		return decoded.append(text, copied, text.length()).toString();
	}

	private static int entity(String text, int start, int end) {
		if (end - start >= 2 && text.charAt(start) == '#') {
			boolean hex = text.charAt(start + 1) == 'x' || text.charAt(start + 1) == 'X';
			try {
				int codePoint = Integer.parseInt(text, start + (hex ? 2 : 1), end, hex ? 16 : 10);
				return Character.isValidCodePoint(codePoint) ? codePoint : -1;
			}
			catch (NumberFormatException ex) {
				return -1;
			}
		}
		for (int n = 0; n < NAMES.length; n++) {
			if (NAMES[n].length() == end - start && text.regionMatches(start, NAMES[n], 0, end - start)) {
				return CHARS[n];
			}
		}
		return -1;
	}

}
