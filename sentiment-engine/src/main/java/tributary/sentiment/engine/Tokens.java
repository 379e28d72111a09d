package tributary.sentiment.engine;

import java.util.Arrays;

/**
 * The tokens of one text and the working state of scoring it; reused by one thread at a
 * time so that scoring does not allocate per token.
 */
final class Tokens {

	/** The token is written in capitals ("GREAT"). */
	static final int CAPS = 1;

	/** The token was lengthened by repeating a letter ("gooood"). */
	static final int ELONGATED = 1 << 1;

	/** The token was a hashtag ("#fail"). */
	static final int HASHTAG = 1 << 2;

	/**
	 * A clause ends between the previous token and this one (".", ",", ";", "!", ...).
	 */
	static final int CLAUSE_START = 1 << 3;

	/** The token is a negated verb form ("isn't", "can't"). */
	static final int NEGATED = 1 << 4;

	/** The token has letters (emoticons and emoji have none). */
	static final int WORDLIKE = 1 << 5;

	/** The token ends a question. */
	static final int QUESTION_END = 1 << 6;

	/** The token ends a statement or exclamation. */
	static final int STATEMENT_END = 1 << 7;

	/** Beyond this many tokens the arrays are not kept for the next text. */
	static final int RETAINED_CAPACITY = 1024;

	int count;

	int[] ids;

	int[] flags;

	double[] valences;

	/** Lower-case key of the token being looked up. */
	char[] key;

	int exclamations;

	int questions;

	Tokens() {
		this(64);
	}

	Tokens(int capacity) {
		this.ids = new int[capacity];
		this.flags = new int[capacity];
		this.valences = new double[capacity];
		this.key = new char[64];
	}

	void reset() {
		this.count = 0;
		this.exclamations = 0;
		this.questions = 0;
	}

	void add(int id, int flags) {
		if (this.count == this.ids.length) {
			int capacity = this.count * 2;
			this.ids = Arrays.copyOf(this.ids, capacity);
			this.flags = Arrays.copyOf(this.flags, capacity);
			this.valences = Arrays.copyOf(this.valences, capacity);
		}
		this.ids[this.count] = id;
		this.flags[this.count] = flags;
		this.valences[this.count] = 0;
		this.count++;
	}

	/** Whether the token has any of the flags. */
	boolean has(int index, int flag) {
		return (this.flags[index] & flag) != 0;
	}

	/**
	 * The key buffer, grown to hold at least {@code length} chars, keeping what it holds.
	 */
	char[] key(int length) {
		if (this.key.length < length) {
			this.key = Arrays.copyOf(this.key, Math.max(length, this.key.length * 2));
		}
		return this.key;
	}

	boolean worthKeeping() {
		return this.ids.length <= RETAINED_CAPACITY && this.key.length <= RETAINED_CAPACITY;
	}

}
