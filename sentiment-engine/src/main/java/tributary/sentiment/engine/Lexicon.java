package tributary.sentiment.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Everything the rules know about words, emoticons, emoji and phrases, frozen into flat
 * arrays so that a token can be looked up from a {@code char[]} without allocating.
 * Immutable once built, so one instance serves every thread.
 */
final class Lexicon {

	/** The id of a token that the lexicon does not know. */
	static final int UNKNOWN = -1;

	/** Flips the valence of what follows ("not", "never", "without"). */
	static final int NEGATION = 1;

	/** Shifts weight from the clause before to the clause after ("but"). */
	static final int CONTRAST = 1 << 1;

	/** Starts at least one multi-word phrase. */
	static final int PHRASE_START = 1 << 2;

	/**
	 * Words the rules refer to by name, known to the lexicon even where they carry no
	 * valence.
	 */
	static final List<String> RULE_WORDS = List.of("no", "never", "so", "this", "without", "doubt", "least", "at",
			"very", "or", "nor", "haha", "hahaha", "hehe", "lol");

	static final String VADER_LEXICON = "vader_sentiment_lexicon.txt";

	static final String MODIFIERS = "modifiers.tsv";

	static final String ADDITIONS = "lexicon-additions.tsv";

	static final String EMOJI = "emoji.tsv";

	private final char[][] keys;

	private final float[] valences;

	private final float[] boosters;

	private final int[] flags;

	private final int[] @Nullable [] phraseParts;

	private final int[] @Nullable [] phrasesByFirstWord;

	private final int[] slots;

	private final int mask;

	private Lexicon(Builder builder) {
		int size = builder.entries.size();
		this.keys = new char[size][];
		this.valences = new float[size];
		this.boosters = new float[size];
		this.flags = new int[size];
		this.phraseParts = new int[size][];
		this.phrasesByFirstWord = new int[size][];
		int capacity = Integer.highestOneBit(Math.max(16, size * 3)) << 1;
		this.slots = new int[capacity];
		this.mask = capacity - 1;
		int id = 0;
		for (Map.Entry<String, Builder.Entry> each : builder.entries.entrySet()) {
			Builder.Entry entry = each.getValue();
			this.keys[id] = each.getKey().toCharArray();
			this.valences[id] = entry.valence;
			this.boosters[id] = entry.booster;
			this.flags[id] = entry.flags;
			int slot = spread(hash(this.keys[id], 0, this.keys[id].length)) & this.mask;
			while (this.slots[slot] != 0) {
				slot = (slot + 1) & this.mask;
			}
			this.slots[slot] = id + 1;
			entry.id = id++;
		}
		Map<Integer, List<int[]>> byFirst = new LinkedHashMap<>();
		for (Builder.Entry entry : builder.entries.values()) {
			if (entry.parts != null) {
				int[] parts = new int[entry.parts.size()];
				for (int i = 0; i < parts.length; i++) {
					// The builder adds every word of a phrase as an entry of its own.
					Builder.Entry part = builder.entries.get(entry.parts.get(i));
					if (part == null) {
						throw new IllegalStateException("Phrase part '" + entry.parts.get(i) + "' is not an entry");
					}
					parts[i] = part.id;
				}
				this.phraseParts[entry.id] = parts;
				this.flags[parts[0]] |= PHRASE_START;
				byFirst.computeIfAbsent(parts[0], (first) -> new ArrayList<>())
					.add(new int[] { entry.id, parts.length });
			}
		}
		// Longest phrase first, so that "kiss of death" wins over a shorter phrase with
		// the same first word.
		byFirst.forEach((first,
				phrases) -> this.phrasesByFirstWord[first] = phrases.stream()
					.sorted((a, b) -> Integer.compare(b[1], a[1]))
					.mapToInt((phrase) -> phrase[0])
					.toArray());
	}

	/** Loads the VADER lexicon and our own additions from the classpath. */
	static Lexicon load() {
		Builder builder = new Builder();
		builder.readVader(VADER_LEXICON);
		builder.readModifiers(MODIFIERS);
		builder.readValences(ADDITIONS, false);
		builder.readValences(EMOJI, true);
		RULE_WORDS.forEach(builder::word);
		return builder.build();
	}

	/**
	 * Finds a key.
	 * @param buffer holds the key, already in lower case
	 * @param offset where the key starts
	 * @param length how many chars it has
	 * @return the key's id or {@link #UNKNOWN}
	 */
	int find(char[] buffer, int offset, int length) {
		int slot = spread(hash(buffer, offset, length)) & this.mask;
		int id;
		while ((id = this.slots[slot]) != 0) {
			char[] key = this.keys[id - 1];
			if (key.length == length && Arrays.equals(key, 0, length, buffer, offset, offset + length)) {
				return id - 1;
			}
			slot = (slot + 1) & this.mask;
		}
		return UNKNOWN;
	}

	/** Finds a key given as a string, for rules and tests. */
	int find(String key) {
		return find(key.toCharArray(), 0, key.length());
	}

	/** The id of a word the rules need, which must be known. */
	int require(String word) {
		int id = find(word);
		if (id == UNKNOWN) {
			throw new IllegalStateException("The lexicon lacks the rule word '" + word + "'");
		}
		return id;
	}

	/** The valence of an entry on VADER's −4..+4 scale, or NaN when it carries none. */
	float valence(int id) {
		return this.valences[id];
	}

	/** Whether an entry carries sentiment of its own. */
	boolean hasValence(int id) {
		return id >= 0 && !Float.isNaN(this.valences[id]);
	}

	/** How much an entry intensifies (positive) or dampens (negative) the next words. */
	float booster(int id) {
		return (id >= 0) ? this.boosters[id] : 0;
	}

	boolean is(int id, int flag) {
		return id >= 0 && (this.flags[id] & flag) != 0;
	}

	/** The ids of the phrases starting with an entry, longest first, or null. */
	int @Nullable [] phrasesStartingWith(int id) {
		return this.phrasesByFirstWord[id];
	}

	/** The word ids a phrase consists of. */
	int[] phraseParts(int phraseId) {
		int[] parts = this.phraseParts[phraseId];
		if (parts == null) {
			throw new IllegalArgumentException(new String(this.keys[phraseId]) + " is not a phrase");
		}
		return parts;
	}

	int size() {
		return this.keys.length;
	}

	String key(int id) {
		return new String(this.keys[id]);
	}

	static int hash(char[] buffer, int offset, int length) {
		int hash = 0;
		for (int i = offset, end = offset + length; i < end; i++) {
			hash = 31 * hash + buffer[i];
		}
		return hash;
	}

	private static int spread(int hash) {
		return (hash ^ (hash >>> 16)) * 0x9E3779B1;
	}

	/**
	 * Turns a word or phrase from a resource file into the key the tokenizer produces for
	 * it: lower case, typographic apostrophes straightened, emoji presentation selectors
	 * and skin tones removed.
	 */
	static String normalize(String text) {
		StringBuilder key = new StringBuilder(text.length());
		for (int i = 0; i < text.length();) {
			int codePoint = text.codePointAt(i);
			i += Character.charCount(codePoint);
			if (!Tokenizer.isEmojiModifier(codePoint)) {
				key.appendCodePoint(Tokenizer.fold(codePoint));
			}
		}
		return key.toString();
	}

	/** Collects entries from the resource files; later files override earlier ones. */
	static final class Builder {

		private final Map<String, Entry> entries = new LinkedHashMap<>();

		Builder valence(String text, float valence) {
			if (isEmoticon(text)) {
				// Emoticons keep their case (":D" is not
				// "D:"); the tokenizer tries it first.
				this.entries.computeIfAbsent(text, (ignored) -> new Entry()).valence = valence;
				this.entries.computeIfAbsent(normalize(text), (ignored) -> new Entry()).valence = valence;
				return this;
			}
			List<String> words = words(text);
			if (words.isEmpty()) {
				throw new IllegalArgumentException("No word in '" + text + "'");
			}
			entry(words).valence = valence;
			return this;
		}

		Builder word(String text) {
			entry(words(text));
			return this;
		}

		Builder booster(String text, float booster) {
			entry(words(text)).booster = booster;
			return this;
		}

		Builder flag(String text, int flag) {
			entry(words(text)).flags |= flag;
			return this;
		}

		private static boolean isEmoticon(String text) {
			return !text.isEmpty() && text.indexOf(' ') < 0 && text.codePoints().allMatch((c) -> c < 0x80)
					&& text.chars().anyMatch((c) -> !Character.isLetterOrDigit(c) && c != '\'' && c != '-');
		}

		Lexicon build() {
			return new Lexicon(this);
		}

		private Entry entry(List<String> words) {
			String key = String.join(" ", words);
			Entry entry = this.entries.computeIfAbsent(key, (ignored) -> new Entry());
			if (words.size() > 1) {
				for (String word : words) {
					this.entries.computeIfAbsent(word, (ignored) -> new Entry());
				}
				entry.parts = words;
			}
			return entry;
		}

		/**
		 * Splits a phrase as the tokenizer would: single-character words are dropped
		 * there, so "break a leg" is the two tokens "break leg".
		 */
		private static List<String> words(String text) {
			String[] split = normalize(text.strip()).split(" +");
			if (split.length == 1) {
				return List.of(split[0]);
			}
			List<String> words = new ArrayList<>();
			for (String word : split) {
				if (word.codePointCount(0, word.length()) > 1) {
					words.add(word);
				}
			}
			return words;
		}

		void readVader(String resource) {
			// The published file lists some keys twice (e.g. "lol"); the reference
			// implementation keeps the last one, and so do we. Mixed-case emoticons
			// (":D") are matched in lower case and only fill a gap.
			Map<String, Float> lowerCase = new LinkedHashMap<>();
			Map<String, Float> mixedCase = new LinkedHashMap<>();
			Map<String, Float> exactCase = new LinkedHashMap<>();
			read(resource, (line, fields) -> {
				if (fields.length < 2) {
					throw new IllegalStateException(resource + ":" + line + ": expected key and mean valence");
				}
				String key = fields[0];
				float valence = parseValence(resource, line, fields[1]);
				String folded = key.toLowerCase(Locale.ROOT);
				(folded.equals(key) ? lowerCase : mixedCase).put(folded, valence);
				if (!folded.equals(key) && !Character.isLetter(key.charAt(0))) {
					exactCase.put(key, valence);
				}
			});
			// Emoticons also keep their case, as ":D" (a grin) and "D:" (dismay) differ;
			// the tokenizer tries the written case first.
			mixedCase.forEach(lowerCase::putIfAbsent);
			lowerCase.putAll(exactCase);
			lowerCase.forEach(
					(key, valence) -> this.entries.computeIfAbsent(key, (ignored) -> new Entry()).valence = valence);
		}

		void readModifiers(String resource) {
			read(resource, (line, fields) -> {
				if (fields.length < 4 || fields[3].isBlank()) {
					throw new IllegalStateException(resource + ":" + line + ": expected kind, text, value, reason");
				}
				String kind = fields[0];
				String text = fields[1];
				switch (kind) {
					case "negation" -> flag(text, NEGATION);
					case "contrast" -> flag(text, CONTRAST);
					case "booster" -> booster(text, parseValence(resource, line, fields[2]));
					default -> throw new IllegalStateException(resource + ":" + line + ": unknown kind " + kind);
				}
			});
		}

		void readValences(String resource, boolean emoji) {
			read(resource, (line, fields) -> {
				if (fields.length < 3 || fields[2].isBlank()) {
					throw new IllegalStateException(resource + ":" + line + ": expected text, valence, reason");
				}
				if (emoji && !TweetCharacters.isEmoji(fields[0].codePointAt(0))) {
					throw new IllegalStateException(resource + ":" + line + ": not an emoji: " + fields[0]);
				}
				valence(fields[0], parseValence(resource, line, fields[1]));
			});
		}

		private static float parseValence(String resource, int line, String text) {
			try {
				float value = Float.parseFloat(text.strip());
				if (value < -4 || value > 4) {
					throw new IllegalStateException(resource + ":" + line + ": valence out of −4..+4: " + text);
				}
				return value;
			}
			catch (NumberFormatException ex) {
				throw new IllegalStateException(resource + ":" + line + ": not a number: " + text, ex);
			}
		}

		private static void read(String resource, LineHandler handler) {
			InputStream in = Lexicon.class.getResourceAsStream(resource);
			if (in == null) {
				throw new IllegalStateException("Missing resource " + resource + " next to " + Lexicon.class.getName()
						+ (resource.equals(VADER_LEXICON) ? " (it is unpacked at build time: run the Maven build)"
								: ""));
			}
			try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
				String text;
				int line = 0;
				while ((text = reader.readLine()) != null) {
					line++;
					String stripped = text.strip();
					if (stripped.isEmpty() || (stripped.startsWith("#") && !resource.equals(VADER_LEXICON))) {
						continue;
					}
					handler.handle(line, stripLineEnd(text).split("\t"));
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not read " + resource, ex);
			}
		}

		private static String stripLineEnd(String text) {
			return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
		}

		private interface LineHandler {

			void handle(int line, String[] fields);

		}

		private static final class Entry {

			float valence = Float.NaN;

			float booster;

			int flags;

			int id;

			@Nullable List<String> parts;

		}

	}

}
