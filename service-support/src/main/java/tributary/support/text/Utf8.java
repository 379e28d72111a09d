package tributary.support.text;

/**
 * Strict UTF-8 (RFC 3629), which JSON on the wire must be: JSON parsers tolerate some
 * invalid sequences (overlong forms, encoded surrogates) and would read them as other
 * text than was sent. Every consumer of the suite's topics checks with it before parsing.
 */
public final class Utf8 {

	private Utf8() {
	}

	/**
	 * Where the bytes stop being UTF-8.
	 * @param bytes the bytes
	 * @return the index of the first byte of the first invalid sequence, or -1 if all are
	 * valid
	 */
	public static int firstInvalid(byte[] bytes) {
		int i = 0;
		int length = bytes.length;
		while (i < length) {
			int lead = bytes[i] & 0xFF;
			if (lead < 0x80) {
				i++;
				continue;
			}
			int continuations;
			if (lead >= 0xC2 && lead <= 0xDF) {
				continuations = 1;
			}
			else if (lead >= 0xE0 && lead <= 0xEF) {
				continuations = 2;
			}
			else if (lead >= 0xF0 && lead <= 0xF4) {
				continuations = 3;
			}
			else {
				return i;
			}
			if (i + continuations >= length) {
				return i;
			}
			int second = bytes[i + 1] & 0xFF;
			// Overlong forms, UTF-16 surrogates and code points above U+10FFFF.
			if ((lead == 0xE0 && second < 0xA0) || (lead == 0xED && second > 0x9F) || (lead == 0xF0 && second < 0x90)
					|| (lead == 0xF4 && second > 0x8F)) {
				return i;
			}
			for (int k = 1; k <= continuations; k++) {
				if ((bytes[i + k] & 0xC0) != 0x80) {
					return i;
				}
			}
			i += continuations + 1;
		}
		return -1;
	}

	/**
	 * Where a text holds half a surrogate pair: JSON can escape one ({@code "\\ud800"}),
	 * and no UTF-8 writer, the store's and Jackson's included, can write it.
	 * @param text the text
	 * @param from where to start looking
	 * @return the index of the first unpaired surrogate at or after {@code from}, or -1
	 */
	public static int unpairedSurrogate(CharSequence text, int from) {
		int length = text.length();
		for (int i = from; i < length; i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return i;
			}
		}
		return -1;
	}

}
