package tributary.sentiment.model;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import tributary.sentiment.engine.SentimentEngine;
import tributary.sentiment.engine.SentimentLabel;
import tributary.sentiment.engine.SentimentScore;
import tributary.sentiment.engine.TweetCharacters;
import tributary.sentiment.engine.Valences;

/**
 * Turns a text into the sparse feature vector that the model is trained on and scores:
 * one implementation for both, so that training and inference cannot drift apart.
 * <p>
 * Tokens are tweet-aware: links become {@code <url>}, mentions {@code <user>}, numbers
 * {@code <num>}; emoticons are kept as written and each emoji on its own; words are
 * folded to lower case without apostrophes ("Don’t" is {@code dont}), letters repeated
 * three or more times are cut to two ("gooood" is {@code good}); "!" and "?" are tokens.
 * From them: word unigrams, unigrams inside the scope of a negation (from a negator such
 * as "not", "never" or any "n't" to the end of the clause), word bigrams, and character
 * 3- to 5-grams of the folded words; all are hashed into 2<sup>bits</sup> buckets without
 * building a String per feature. A few dense features come first: the rules engine's
 * scores ({@link SentimentEngine}), its lexicon's valences word by word
 * ({@link Valences}, negated words flipped as VADER flips them: the sums of positive and
 * of negative valences, the strongest of each, the last sentiment word's), the share of
 * words in capitals and of lengthened words. Word and character features are binary, each
 * group scaled to unit length, so long and short texts weigh alike.
 * <p>
 * Thread-safe: each thread keeps its own scratch buffers.
 */
public final class Features {

	/**
	 * The version of this extraction; a model records the scheme it was trained with and
	 * refuses to load under another. Bump it whenever any feature changes.
	 */
	public static final int SCHEME = 1;

	/** Flips and weakens the valence of a negated word, as the rules engine does. */
	private static final float NEGATION = -0.74f;

	/** Names of the dense features, at indices 0 to {@code DENSE_NAMES.length - 1}. */
	static final String[] DENSE_NAMES = { "rules:compound", "rules:positive", "rules:negative", "rules:label=positive",
			"rules:label=negative", "share of words in capitals", "share of lengthened words", "lexicon:positive sum",
			"lexicon:negative sum", "lexicon:strongest positive", "lexicon:strongest negative",
			"lexicon:last sentiment word" };

	static final int DENSE = DENSE_NAMES.length;

	private static final int UNIGRAM = 0x1b873593;

	private static final int NEGATED = 0x68e31da4;

	private static final int BIGRAM = 0x2545f491;

	private static final int CHARS = 0x3c6ef372;

	private static final int MIN_GRAM = 3;

	private static final int MAX_GRAM = 5;

	private static final char[] URL = "<url>".toCharArray();

	private static final char[] USER = "<user>".toCharArray();

	private static final char[] NUMBER = "<num>".toCharArray();

	private static final String[] NEGATORS = { "not", "no", "never", "cannot", "nothing", "nobody", "none", "nowhere",
			"neither", "nor", "without", "dont", "cant", "wont", "isnt", "arent", "wasnt", "werent", "doesnt", "didnt",
			"couldnt", "shouldnt", "wouldnt", "aint", "havent", "hasnt", "hadnt", "mustnt", "neednt" };

	private static final int[] NEGATOR_HASHES = negatorHashes();

	private final int bits;

	private final int mask;

	private final SentimentEngine rules;

	private final Valences valences;

	private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

	/**
	 * @param bits the hashed features go into 2<sup>bits</sup> buckets, after the dense
	 * ones
	 * @param rules the rules engine whose scores are features
	 */
	public Features(int bits, SentimentEngine rules) {
		if (bits < 8 || bits > 24) {
			throw new IllegalArgumentException("bits must be in [8, 24] but was " + bits);
		}
		this.bits = bits;
		this.mask = (1 << bits) - 1;
		this.rules = Objects.requireNonNull(rules, "rules");
		this.valences = Valences.load();
	}

	/** How many dense features come first: indices below it are dense. */
	public static int denseCount() {
		return DENSE;
	}

	/** How many bits the hashed features have. */
	public int bits() {
		return this.bits;
	}

	/** The number of features: every index is below it. */
	public int dimension() {
		return DENSE + (1 << this.bits);
	}

	/**
	 * Extracts the features of a text.
	 * @param text any text
	 * @param out receives the features, replacing what it held
	 */
	public void extract(String text, FeatureVector out) {
		extract(text, out, null);
	}

	/**
	 * Extracts the features of a text and names them (slow: one String per feature).
	 * @param text any text
	 * @param out receives the features, replacing what it held
	 * @param names receives a readable name for each index of {@code out}; when two
	 * features share a bucket, the first keeps its name
	 */
	void extract(String text, FeatureVector out, @Nullable Map<Integer, String> names) {
		Objects.requireNonNull(text, "text");
		Scratch s = this.scratch.get();
		try {
			out.clear();
			SentimentScore score = this.rules.score(text);
			s.reset();
			decodeEntities(text, s);
			tokenize(s);
			wordFeatures(s, names);
			charFeatures(s, names);
			out.add(0, (float) score.compound());
			out.add(1, (float) score.positive());
			out.add(2, (float) score.negative());
			out.add(3, (score.compound() >= SentimentLabel.NEUTRAL_BAND) ? 1 : 0);
			out.add(4, (score.compound() <= -SentimentLabel.NEUTRAL_BAND) ? 1 : 0);
			int words = Math.max(1, s.wordCount);
			out.add(5, (float) s.capsCount / words);
			out.add(6, (float) s.elongatedCount / words);
			out.add(7, (float) (s.positiveSum / (1 + s.positiveSum)));
			out.add(8, (float) (s.negativeSum / (1 + s.negativeSum)));
			out.add(9, s.strongestPositive);
			out.add(10, s.strongestNegative);
			out.add(11, s.lastValence);
			if (names != null) {
				for (int i = 0; i < DENSE; i++) {
					names.put(i, DENSE_NAMES[i]);
				}
			}
			merge(s, out);
		}
		finally {
			if (!s.worthKeeping()) {
				this.scratch.remove();
			}
		}
	}

	/**
	 * Copies the text into the scratch buffer, with the HTML entities tweets carry
	 * decoded.
	 */
	private static void decodeEntities(String text, Scratch s) {
		int length = text.length();
		char[] raw = s.raw(length);
		int n = 0;
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c == '&') {
				if (text.startsWith("&amp;", i)) {
					raw[n++] = '&';
					i += 4;
					continue;
				}
				if (text.startsWith("&lt;", i)) {
					raw[n++] = '<';
					i += 3;
					continue;
				}
				if (text.startsWith("&gt;", i)) {
					raw[n++] = '>';
					i += 3;
					continue;
				}
				if (text.startsWith("&quot;", i)) {
					raw[n++] = '"';
					i += 5;
					continue;
				}
			}
			raw[n++] = c;
		}
		s.rawLength = n;
	}

	/** Splits the decoded text at white space, then each chunk into tokens. */
	private static void tokenize(Scratch s) {
		char[] raw = s.raw;
		int length = s.rawLength;
		int i = 0;
		while (i < length) {
			if (TweetCharacters.isSpace(raw[i])) {
				i++;
				continue;
			}
			int start = i;
			while (i < length && !TweetCharacters.isSpace(raw[i])) {
				i++;
			}
			chunk(s, start, i);
		}
	}

	private static void chunk(Scratch s, int start, int end) {
		char[] raw = s.raw;
		if (startsWith(raw, start, end, "http://") || startsWith(raw, start, end, "https://")
				|| startsWith(raw, start, end, "www.")) {
			s.addSymbol(URL, 0, URL.length);
			return;
		}
		if (raw[start] == '@' && end - start > 1 && isWordStart(raw[start + 1])) {
			s.addSymbol(USER, 0, USER.length);
			return;
		}
		int emoticonEnd = end;
		while (emoticonEnd - start > 2 && TweetCharacters.isClausePunctuation(raw[emoticonEnd - 1])) {
			emoticonEnd--;
		}
		if (isEmoticon(raw, start, emoticonEnd)) {
			s.addSymbol(raw, start, emoticonEnd - start);
			if (emoticonEnd != end) {
				s.clauseEnd();
			}
			return;
		}
		int i = start;
		while (i < end) {
			char c = raw[i];
			int codePoint = Character.codePointAt(raw, i, end);
			int width = Character.charCount(codePoint);
			if (codePoint >= 0x2000 && TweetCharacters.isEmoji(codePoint)) {
				s.addSymbol(raw, i, width);
				i += width;
			}
			else if (isWordStart(codePoint)) {
				i = word(s, i, end);
			}
			else if (c == '!' || c == '?') {
				if (s.lastSymbolIs(c)) {
					i++;
					continue;
				}
				s.addSymbol(raw, i, 1);
				s.clauseEnd();
				i++;
			}
			else {
				if (TweetCharacters.isClausePunctuation(c)) {
					s.clauseEnd();
				}
				i += width;
			}
		}
	}

	/** Adds the word starting at {@code start}, returns where it ends. */
	private static int word(Scratch s, int start, int end) {
		char[] raw = s.raw;
		char[] out = s.word(end - start);
		int n = 0;
		int upper = 0;
		int lower = 0;
		boolean digitsOnly = true;
		boolean elongated = false;
		boolean apostropheT = false;
		int i = start;
		while (i < end) {
			char c = raw[i];
			if (c == '\'' || c == '’' || c == '‘') {
				if (i + 1 < end && (raw[i + 1] == 't' || raw[i + 1] == 'T') && n > 0 && out[n - 1] == 'n') {
					apostropheT = true;
				}
				i++;
				continue;
			}
			if (Character.isSurrogate(c)) {
				// A letter outside the basic plane: keep both halves, never fold them
				// apart.
				int codePoint = Character.codePointAt(raw, i, end);
				if (Character.charCount(codePoint) != 2 || !isWordStart(codePoint)) {
					break;
				}
				out[n++] = c;
				out[n++] = raw[i + 1];
				digitsOnly = false;
				i += 2;
				continue;
			}
			if (!isWordStart(c)) {
				break;
			}
			if (Character.isUpperCase(c)) {
				upper++;
			}
			else if (Character.isLowerCase(c)) {
				lower++;
			}
			if (c < '0' || c > '9') {
				digitsOnly = false;
			}
			char folded = Character.toLowerCase(c);
			if (n >= 2 && out[n - 1] == folded && out[n - 2] == folded && Character.isLetter(folded)) {
				elongated = true;
			}
			else {
				out[n++] = folded;
			}
			i++;
		}
		if (n == 0) {
			return Math.max(i, start + 1);
		}
		if (digitsOnly) {
			s.addWord(NUMBER, NUMBER.length, false, false, false);
		}
		else {
			s.addWord(out, n, upper >= 2 && lower == 0, elongated, apostropheT);
		}
		return i;
	}

	private void wordFeatures(Scratch s, @Nullable Map<Integer, String> names) {
		int previous = 0x811c9dc5;
		int previousToken = -1;
		boolean negated = false;
		for (int t = 0; t < s.tokenCount; t++) {
			if (s.clauseStart[t]) {
				negated = false;
			}
			int h = s.tokenHash[t];
			float valence = this.valences.valence(s.tokenText, s.tokenStart[t], s.tokenLength[t]) / 4;
			if (valence != 0) {
				if (negated) {
					valence *= NEGATION;
				}
				if (valence > 0) {
					s.positiveSum += valence;
					s.strongestPositive = Math.max(s.strongestPositive, valence);
				}
				else {
					s.negativeSum -= valence;
					s.strongestNegative = Math.max(s.strongestNegative, -valence);
				}
				s.lastValence = valence;
			}
			int unigram = bucket(mix(h ^ (negated ? NEGATED : UNIGRAM)));
			s.addWordFeature(unigram);
			int bigram = bucket(mix(previous * 0x9E3779B1 + h ^ BIGRAM));
			s.addWordFeature(bigram);
			if (names != null) {
				String token = s.token(t);
				names.putIfAbsent(unigram, negated ? token + " [negated]" : token);
				names.putIfAbsent(bigram, (previousToken < 0) ? "^ " + token : s.token(previousToken) + " " + token);
			}
			if (s.negator[t]) {
				negated = true;
			}
			previous = h;
			previousToken = t;
		}
		if (s.tokenCount > 0) {
			int last = bucket(mix(previous * 0x9E3779B1 + 0x5bd1e995 ^ BIGRAM));
			s.addWordFeature(last);
			if (names != null) {
				names.putIfAbsent(last, s.token(previousToken) + " $");
			}
		}
	}

	/** Character 3- to 5-grams over the words, each framed by one space. */
	private void charFeatures(Scratch s, @Nullable Map<Integer, String> names) {
		char[] chars = s.chars;
		int length = s.charLength;
		for (int i = 0; i + MIN_GRAM <= length; i++) {
			int h = CHARS;
			int max = Math.min(MAX_GRAM, length - i);
			for (int k = 0; k < max; k++) {
				h = (h ^ chars[i + k]) * 0x01000193;
				if (k + 1 >= MIN_GRAM) {
					int bucket = bucket(mix(h + k));
					s.addCharFeature(bucket);
					if (names != null) {
						names.putIfAbsent(bucket, "char:'" + new String(chars, i, k + 1) + "'");
					}
				}
			}
		}
	}

	private int bucket(int hash) {
		return DENSE + (hash & this.mask);
	}

	/**
	 * Adds the word and character features, each group binary and scaled to unit length,
	 * in ascending index order after the dense ones.
	 */
	private static void merge(Scratch s, FeatureVector out) {
		int words = dedupe(s.wordFeatures, s.wordFeatureCount);
		int chars = dedupe(s.charFeatures, s.charFeatureCount);
		float wordValue = (words == 0) ? 0 : (float) (1 / Math.sqrt(words));
		float charValue = (chars == 0) ? 0 : (float) (1 / Math.sqrt(chars));
		int w = 0;
		int c = 0;
		int[] wf = s.wordFeatures;
		int[] cf = s.charFeatures;
		while (w < words || c < chars) {
			if (c == chars || w < words && wf[w] < cf[c]) {
				out.add(wf[w++], wordValue);
			}
			else if (w == words || cf[c] < wf[w]) {
				out.add(cf[c++], charValue);
			}
			else {
				out.add(wf[w++], wordValue + charValue);
				c++;
			}
		}
	}

	/** Sorts and removes repeats, returns how many distinct remain. */
	private static int dedupe(int[] features, int count) {
		if (count == 0) {
			return 0;
		}
		Arrays.sort(features, 0, count);
		int n = 1;
		for (int i = 1; i < count; i++) {
			if (features[i] != features[n - 1]) {
				features[n++] = features[i];
			}
		}
		return n;
	}

	/** The finaliser of MurmurHash3: spreads every input bit over the whole hash. */
	static int mix(int h) {
		h ^= h >>> 16;
		h *= 0x85ebca6b;
		h ^= h >>> 13;
		h *= 0xc2b2ae35;
		h ^= h >>> 16;
		return h;
	}

	/** FNV-1a over chars, then mixed. */
	static int hash(char[] chars, int start, int length) {
		int h = 0x811c9dc5;
		for (int i = start; i < start + length; i++) {
			h = (h ^ chars[i]) * 0x01000193;
		}
		return mix(h);
	}

	private static int[] negatorHashes() {
		int[] hashes = new int[NEGATORS.length];
		for (int i = 0; i < NEGATORS.length; i++) {
			char[] chars = NEGATORS[i].toCharArray();
			hashes[i] = hash(chars, 0, chars.length);
		}
		Arrays.sort(hashes);
		return hashes;
	}

	private static boolean isNegator(char[] word, int length, int hash, boolean apostropheT) {
		if (apostropheT) {
			return true;
		}
		if (Arrays.binarySearch(NEGATOR_HASHES, hash) < 0) {
			return false;
		}
		for (String negator : NEGATORS) {
			if (negator.length() == length && sameChars(negator, word)) {
				return true;
			}
		}
		return false;
	}

	private static boolean sameChars(String expected, char[] chars) {
		for (int i = 0; i < expected.length(); i++) {
			if (expected.charAt(i) != chars[i]) {
				return false;
			}
		}
		return true;
	}

	private static boolean isWordStart(int codePoint) {
		return Character.isLetterOrDigit(codePoint) || codePoint == '_';
	}

	/**
	 * Emoticons like ":)", ":-(", ";D", "<3", ":P", "xD": two to six characters, eyes and
	 * a mouth, no more than one letter.
	 */
	static boolean isEmoticon(char[] raw, int start, int end) {
		int length = end - start;
		if (length < 2 || length > 6) {
			return false;
		}
		if (length == 2 && raw[start] == '<' && raw[start + 1] == '3') {
			return true;
		}
		int letters = 0;
		boolean eyes = false;
		boolean mouth = false;
		for (int i = start; i < end; i++) {
			char c = raw[i];
			if (c == ':' || c == ';' || c == '=') {
				eyes = true;
			}
			else if (c == ')' || c == '(' || c == ']' || c == '[' || c == '/' || c == '\\' || c == '|' || c == '*'
					|| c == '$' || c == '@') {
				mouth = true;
			}
			else if (c == 'D' || c == 'P' || c == 'p' || c == 'O' || c == 'o' || c == 'x' || c == 'X' || c == '3') {
				letters++;
				mouth = true;
			}
			else if (c != '-' && c != '\'' && c != '^') {
				return false;
			}
		}
		return letters <= 1 && (eyes && mouth
				|| (letters == 1 && length == 2 && (raw[start] == 'x' || raw[start] == 'X') && raw[start + 1] == 'D'));
	}

	private static boolean startsWith(char[] raw, int start, int end, String prefix) {
		if (end - start < prefix.length()) {
			return false;
		}
		for (int i = 0; i < prefix.length(); i++) {
			if (Character.toLowerCase(raw[start + i]) != prefix.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	/** The working state of one extraction; reused by one thread at a time. */
	private static final class Scratch {

		char[] raw = new char[512];

		int rawLength;

		char[] wordBuffer = new char[64];

		/** The folded words, each framed by spaces, for the character n-grams. */
		char[] chars = new char[512];

		int charLength;

		/** Where each token's text is: in {@link #tokenText}. */
		int[] tokenStart = new int[128];

		int[] tokenLength = new int[128];

		int[] tokenHash = new int[128];

		boolean[] clauseStart = new boolean[128];

		boolean[] negator = new boolean[128];

		char[] tokenText = new char[512];

		int tokenTextLength;

		int tokenCount;

		boolean pendingClauseStart;

		int wordCount;

		int capsCount;

		int elongatedCount;

		double positiveSum;

		double negativeSum;

		float strongestPositive;

		float strongestNegative;

		float lastValence;

		int[] wordFeatures = new int[256];

		int wordFeatureCount;

		int[] charFeatures = new int[1024];

		int charFeatureCount;

		void reset() {
			this.rawLength = 0;
			this.charLength = 0;
			this.tokenCount = 0;
			this.tokenTextLength = 0;
			this.pendingClauseStart = false;
			this.wordCount = 0;
			this.capsCount = 0;
			this.elongatedCount = 0;
			this.positiveSum = 0;
			this.negativeSum = 0;
			this.strongestPositive = 0;
			this.strongestNegative = 0;
			this.lastValence = 0;
			this.wordFeatureCount = 0;
			this.charFeatureCount = 0;
		}

		char[] raw(int length) {
			if (this.raw.length < length) {
				this.raw = new char[length];
			}
			return this.raw;
		}

		char[] word(int length) {
			if (this.wordBuffer.length < length) {
				this.wordBuffer = new char[length];
			}
			return this.wordBuffer;
		}

		void clauseEnd() {
			this.pendingClauseStart = true;
		}

		boolean lastSymbolIs(char c) {
			int t = this.tokenCount - 1;
			return t >= 0 && this.tokenLength[t] == 1 && this.tokenText[this.tokenStart[t]] == c;
		}

		void addSymbol(char[] text, int start, int length) {
			add(text, start, length);
		}

		void addWord(char[] text, int length, boolean caps, boolean elongated, boolean apostropheT) {
			int t = add(text, 0, length);
			this.negator[t] = isNegator(text, length, this.tokenHash[t], apostropheT);
			this.wordCount++;
			if (caps) {
				this.capsCount++;
			}
			if (elongated) {
				this.elongatedCount++;
			}
			int needed = this.charLength + length + 2;
			if (this.chars.length < needed) {
				this.chars = Arrays.copyOf(this.chars, Math.max(needed, this.chars.length * 2));
			}
			if (this.charLength == 0) {
				this.chars[this.charLength++] = ' ';
			}
			System.arraycopy(text, 0, this.chars, this.charLength, length);
			this.charLength += length;
			this.chars[this.charLength++] = ' ';
		}

		private int add(char[] text, int start, int length) {
			if (this.tokenCount == this.tokenStart.length) {
				int capacity = this.tokenCount * 2;
				this.tokenStart = Arrays.copyOf(this.tokenStart, capacity);
				this.tokenLength = Arrays.copyOf(this.tokenLength, capacity);
				this.tokenHash = Arrays.copyOf(this.tokenHash, capacity);
				this.clauseStart = Arrays.copyOf(this.clauseStart, capacity);
				this.negator = Arrays.copyOf(this.negator, capacity);
			}
			if (this.tokenText.length < this.tokenTextLength + length) {
				this.tokenText = Arrays.copyOf(this.tokenText,
						Math.max(this.tokenTextLength + length, this.tokenText.length * 2));
			}
			int t = this.tokenCount++;
			System.arraycopy(text, start, this.tokenText, this.tokenTextLength, length);
			this.tokenStart[t] = this.tokenTextLength;
			this.tokenLength[t] = length;
			this.tokenTextLength += length;
			this.tokenHash[t] = hash(text, start, length);
			this.clauseStart[t] = this.pendingClauseStart;
			this.negator[t] = false;
			this.pendingClauseStart = false;
			return t;
		}

		String token(int t) {
			return new String(this.tokenText, this.tokenStart[t], this.tokenLength[t]);
		}

		void addWordFeature(int bucket) {
			if (this.wordFeatureCount == this.wordFeatures.length) {
				this.wordFeatures = Arrays.copyOf(this.wordFeatures, this.wordFeatureCount * 2);
			}
			this.wordFeatures[this.wordFeatureCount++] = bucket;
		}

		void addCharFeature(int bucket) {
			if (this.charFeatureCount == this.charFeatures.length) {
				this.charFeatures = Arrays.copyOf(this.charFeatures, this.charFeatureCount * 2);
			}
			this.charFeatures[this.charFeatureCount++] = bucket;
		}

		boolean worthKeeping() {
			return this.raw.length <= 8192 && this.tokenStart.length <= 1024 && this.charFeatures.length <= 16384;
		}

	}

}
