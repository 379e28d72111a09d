package tributary.sentiment.engine;

/**
 * Splits social text into tokens the lexicon knows: words without their surrounding
 * punctuation, emoticons whole, each emoji on its own, hashtags without their sign,
 * lengthened words ("sooo") back to their dictionary form, and known phrases joined.
 * Stateless apart from the lexicon, so one instance serves every thread.
 */
final class Tokenizer {

	private final Lexicon lexicon;

	private final int haha;

	private final int hahaha;

	private final int hehe;

	private final int lol;

	Tokenizer(Lexicon lexicon) {
		this.lexicon = lexicon;
		this.haha = lexicon.require("haha");
		this.hahaha = lexicon.require("hahaha");
		this.hehe = lexicon.require("hehe");
		this.lol = lexicon.require("lol");
	}

	void tokenize(CharSequence text, Tokens tokens) {
		tokens.reset();
		int length = text.length();
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c == '!') {
				tokens.exclamations++;
			}
			else if (c == '?') {
				tokens.questions++;
			}
		}
		boolean clauseStart = false;
		int i = 0;
		while (i < length) {
			char c = text.charAt(i);
			if (TweetCharacters.isSpace(c)) {
				i++;
				continue;
			}
			if (c >= 0x2000 && TweetCharacters.isEmoji(Character.codePointAt(text, i))) {
				i = emoji(text, i, tokens, clauseStart);
				clauseStart = false;
				continue;
			}
			int start = i;
			while (i < length) {
				c = text.charAt(i);
				if (TweetCharacters.isSpace(c)
						|| (c >= 0x2000 && TweetCharacters.isEmoji(Character.codePointAt(text, i)))) {
					break;
				}
				i++;
			}
			int before = tokens.count;
			boolean clauseEnd = word(text, start, i, tokens, clauseStart);
			markSentenceEnd(text, start, i, tokens);
			clauseStart = (tokens.count == before) ? clauseStart || clauseEnd : clauseEnd;
		}
		joinPhrases(tokens);
	}

	/**
	 * Adds the token in {@code text[start, end)}, if it is one.
	 * @return whether a clause ends after it
	 */
	private boolean word(CharSequence text, int start, int end, Tokens tokens, boolean clauseStart) {
		int first = start;
		while (first < end && !Character.isLetterOrDigit(text.charAt(first)) && !(isSign(text.charAt(first))
				&& first + 1 < end && Character.isLetterOrDigit(text.charAt(first + 1)))) {
			first++;
		}
		int last = end;
		while (last > first && !Character.isLetterOrDigit(text.charAt(last - 1))) {
			last--;
		}
		boolean clauseEnd = false;
		for (int i = last; i < end; i++) {
			if (TweetCharacters.isClausePunctuation(text.charAt(i))) {
				clauseEnd = true;
				break;
			}
		}
		int flags = clauseStart ? Tokens.CLAUSE_START : 0;
		if (first != start || last != end || first == last) {
			// Emoticons are punctuation: ":)", ":-(", "<3",
			// also when followed by a full stop.
			int id = find(text, start, end, tokens);
			int trimmed = end;
			while (id == Lexicon.UNKNOWN && trimmed - start > 2 && isSentencePunctuation(text.charAt(trimmed - 1))) {
				id = find(text, start, --trimmed, tokens);
			}
			if (id != Lexicon.UNKNOWN) {
				tokens.add(id, flags);
				return trimmed != end || clauseEnd;
			}
		}
		if (last - first < 2) {
			// Like VADER, single letters and digits are not words ("a", "I", "2").
			return clauseEnd || first == last && containsClausePunctuation(text, start, end);
		}
		char sign = text.charAt(first);
		if (sign == '@' || isLink(text, start, end)) {
			tokens.add(Lexicon.UNKNOWN, flags);
			return clauseEnd;
		}
		if (sign == '#') {
			flags |= Tokens.HASHTAG;
			first++;
		}
		int length = last - first;
		char[] key = tokens.key(length);
		int upper = 0;
		int lower = 0;
		boolean lengthened = false;
		for (int i = 0; i < length; i++) {
			char c = text.charAt(first + i);
			if (Character.isUpperCase(c)) {
				upper++;
			}
			else if (Character.isLowerCase(c)) {
				lower++;
			}
			char folded = (char) fold(c);
			key[i] = folded;
			if (i >= 2 && folded == key[i - 1] && folded == key[i - 2] && Character.isLetter(folded)) {
				lengthened = true;
			}
			if (folded == 't' && i >= 2 && key[i - 1] == '\'' && key[i - 2] == 'n') {
				flags |= Tokens.NEGATED;
			}
		}
		if (upper + lower > 0) {
			flags |= Tokens.WORDLIKE;
		}
		if (upper >= 2 && lower == 0) {
			flags |= Tokens.CAPS;
		}
		int id = this.lexicon.find(key, 0, length);
		if (id == Lexicon.UNKNOWN && length > 2 && key[length - 2] == '\'' && key[length - 1] == 's') {
			id = this.lexicon.find(key, 0, length - 2);
		}
		if (id == Lexicon.UNKNOWN && lengthened) {
			id = unlengthened(tokens, length);
			key = tokens.key;
			if (id != Lexicon.UNKNOWN) {
				flags |= Tokens.ELONGATED;
			}
		}
		if (id == Lexicon.UNKNOWN) {
			id = laughter(key, length);
		}
		if (id == Lexicon.UNKNOWN && length >= 4 && key[length - 2] == 'i' && key[length - 1] == 'n') {
			// Dropped g: "lovin", "rockin", "killin".
			key = tokens.key(length + 1);
			key[length] = 'g';
			id = this.lexicon.find(key, 0, length + 1);
		}
		if (id == Lexicon.UNKNOWN && (flags & Tokens.HASHTAG) != 0 && upper > 0 && lower > 0) {
			camelCase(text, first, last, tokens, flags);
			return clauseEnd;
		}
		tokens.add(id, flags);
		return clauseEnd;
	}

	/** Marks the last token of a question ("?") or of a statement (".", "!"). */
	private static void markSentenceEnd(CharSequence text, int start, int end, Tokens tokens) {
		if (tokens.count == 0) {
			return;
		}
		int last = end;
		while (last > start && !Character.isLetterOrDigit(text.charAt(last - 1))) {
			last--;
		}
		for (int i = last; i < end; i++) {
			char c = text.charAt(i);
			if (c == '?') {
				tokens.flags[tokens.count - 1] |= Tokens.QUESTION_END;
				return;
			}
			if (c == '.' || c == '!') {
				tokens.flags[tokens.count - 1] |= Tokens.STATEMENT_END;
				return;
			}
		}
	}

	/**
	 * Adds the words of a hashtag written in camel case ("#SoHappy", "#EpicFail") one by
	 * one.
	 */
	private void camelCase(CharSequence text, int first, int last, Tokens tokens, int flags) {
		int start = first;
		for (int i = first + 1; i <= last; i++) {
			if (i == last || (Character.isUpperCase(text.charAt(i)) && Character.isLowerCase(text.charAt(i - 1)))) {
				int length = i - start;
				char[] key = tokens.key(length);
				for (int k = 0; k < length; k++) {
					key[k] = (char) fold(text.charAt(start + k));
				}
				int id = (length < 2) ? Lexicon.UNKNOWN : this.lexicon.find(key, 0, length);
				if (id == Lexicon.UNKNOWN && length > 2) {
					id = unlengthened(tokens, length);
				}
				tokens.add(id, flags & ~Tokens.CAPS);
				flags &= ~Tokens.CLAUSE_START;
				start = i;
			}
		}
	}

	/**
	 * Looks up "gooood" as "good" and "sooo" as "so": runs of three or more letters are
	 * cut to two, then to one, because that is how writers lengthen words.
	 */
	private int unlengthened(Tokens tokens, int length) {
		char[] key = tokens.key(2 * length);
		for (int keep = 2; keep >= 1; keep--) {
			int out = length;
			for (int i = 0; i < length;) {
				char c = key[i];
				int run = 1;
				while (i + run < length && key[i + run] == c) {
					run++;
				}
				int copies = (run >= 3 && Character.isLetter(c)) ? keep : run;
				for (int k = 0; k < copies; k++) {
					key[out++] = c;
				}
				i += run;
			}
			int id = this.lexicon.find(key, length, out - length);
			if (id != Lexicon.UNKNOWN) {
				return id;
			}
		}
		return Lexicon.UNKNOWN;
	}

	/**
	 * "hahahaha", "ahaha", "hehehe" and "lolol" are the laughs the lexicon has, drawn
	 * out.
	 */
	private int laughter(char[] key, int length) {
		if (length < 4) {
			return Lexicon.UNKNOWN;
		}
		if (only(key, length, 'h', 'a') && count(key, length, 'h') >= 2 && count(key, length, 'a') >= 2) {
			return (length >= 6) ? this.hahaha : this.haha;
		}
		if (only(key, length, 'h', 'e') && key[0] == 'h' && count(key, length, 'h') >= 2) {
			return this.hehe;
		}
		if (only(key, length, 'l', 'o') && key[0] == 'l' && key[1] == 'o' && key[length - 1] == 'l') {
			return this.lol;
		}
		return Lexicon.UNKNOWN;
	}

	private static boolean only(char[] key, int length, char a, char b) {
		for (int i = 0; i < length; i++) {
			if (key[i] != a && key[i] != b) {
				return false;
			}
		}
		return true;
	}

	private static int count(char[] key, int length, char c) {
		int count = 0;
		for (int i = 0; i < length; i++) {
			if (key[i] == c) {
				count++;
			}
		}
		return count;
	}

	/** Finds an emoticon as written (":D" is not "D:"), then in lower case. */
	private int find(CharSequence text, int start, int end, Tokens tokens) {
		int length = end - start;
		char[] key = tokens.key(length);
		boolean folds = false;
		for (int i = 0; i < length; i++) {
			char c = text.charAt(start + i);
			key[i] = c;
			folds |= fold(c) != c;
		}
		int id = this.lexicon.find(key, 0, length);
		if (id != Lexicon.UNKNOWN || !folds) {
			return id;
		}
		for (int i = 0; i < length; i++) {
			key[i] = (char) fold(key[i]);
		}
		return this.lexicon.find(key, 0, length);
	}

	/** Adds one emoji with its modifiers and joined parts, returns where it ends. */
	private int emoji(CharSequence text, int start, Tokens tokens, boolean clauseStart) {
		int length = text.length();
		char[] key = tokens.key(Math.max(16, length - start));
		int keyLength = 0;
		int first = Character.codePointAt(text, start);
		int i = start + Character.charCount(first);
		keyLength += Character.toChars(first, key, keyLength);
		int firstLength = keyLength;
		while (i < length) {
			int next = Character.codePointAt(text, i);
			if (isEmojiModifier(next)) {
				i += Character.charCount(next);
			}
			else if (next == 0x200D && i + 1 < length) {
				// Zero-width joiner: "👩‍💻" is one emoji.
				i++;
				int joined = Character.codePointAt(text, i);
				i += Character.charCount(joined);
				key = tokens.key(keyLength + 3);
				key[keyLength++] = 0x200D;
				keyLength += Character.toChars(joined, key, keyLength);
			}
			else if (isRegionalIndicator(first) && isRegionalIndicator(next) && keyLength == firstLength) {
				i += Character.charCount(next);
				keyLength += Character.toChars(next, key, keyLength);
			}
			else {
				break;
			}
		}
		int id = this.lexicon.find(key, 0, keyLength);
		if (id == Lexicon.UNKNOWN && keyLength > firstLength) {
			id = this.lexicon.find(key, 0, firstLength);
		}
		tokens.add(id, clauseStart ? Tokens.CLAUSE_START : 0);
		return i;
	}

	/**
	 * Replaces the words of a known phrase ("the bomb", "kind of") by the phrase itself,
	 * on its last word.
	 */
	private void joinPhrases(Tokens tokens) {
		for (int t = 0; t < tokens.count; t++) {
			int[] phrases = (tokens.ids[t] >= 0 && this.lexicon.is(tokens.ids[t], Lexicon.PHRASE_START))
					? this.lexicon.phrasesStartingWith(tokens.ids[t]) : null;
			if (phrases == null) {
				continue;
			}
			for (int phrase : phrases) {
				int[] parts = this.lexicon.phraseParts(phrase);
				if (matches(tokens, t, parts)) {
					int last = t + parts.length - 1;
					for (int k = t; k < last; k++) {
						tokens.ids[k] = Lexicon.UNKNOWN;
						tokens.flags[k] &= ~Tokens.NEGATED;
					}
					tokens.ids[last] = phrase;
					t = last;
					break;
				}
			}
		}
	}

	private static boolean matches(Tokens tokens, int start, int[] parts) {
		if (start + parts.length > tokens.count) {
			return false;
		}
		for (int k = 0; k < parts.length; k++) {
			if (tokens.ids[start + k] != parts[k] || (k > 0 && tokens.has(start + k, Tokens.CLAUSE_START))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isLink(CharSequence text, int start, int end) {
		return startsWith(text, start, end, "http://") || startsWith(text, start, end, "https://")
				|| startsWith(text, start, end, "www.");
	}

	private static boolean startsWith(CharSequence text, int start, int end, String prefix) {
		if (end - start < prefix.length()) {
			return false;
		}
		for (int i = 0; i < prefix.length(); i++) {
			if (Character.toLowerCase(text.charAt(start + i)) != prefix.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	private static boolean containsClausePunctuation(CharSequence text, int start, int end) {
		for (int i = start; i < end; i++) {
			if (TweetCharacters.isClausePunctuation(text.charAt(i))) {
				return true;
			}
		}
		return false;
	}

	private static boolean isSign(char c) {
		return c == '#' || c == '@';
	}

	private static boolean isSentencePunctuation(char c) {
		return c == '.' || c == ',' || c == '!' || c == '?' || c == ';';
	}

	/** Lower case, with typographic apostrophes made plain so that "don’t" is "don't". */
	static int fold(int codePoint) {
		return switch (codePoint) {
			case '\u2019', '\u2018', '\u02BC', '`', '\u00B4' -> '\'';
			default -> Character.toLowerCase(codePoint);
		};
	}

	/**
	 * Presentation selectors, skin tones, keycaps and tags change how an emoji looks, not
	 * what it means.
	 */
	static boolean isEmojiModifier(int codePoint) {
		return codePoint == 0xFE0F || codePoint == 0xFE0E || (codePoint >= 0x1F3FB && codePoint <= 0x1F3FF)
				|| codePoint == 0x20E3 || (codePoint >= 0xE0020 && codePoint <= 0xE007F);
	}

	private static boolean isRegionalIndicator(int codePoint) {
		return codePoint >= 0x1F1E6 && codePoint <= 0x1F1FF;
	}

}
