package tributary.sentiment.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import tributary.sentiment.engine.Explanation.Contribution;

/**
 * Scores the sentiment of short social text. Deterministic, thread-safe, no network.
 * <p>
 * A valence lexicon and rules in the tradition of VADER (Hutto and Gilbert, ICWSM 2014):
 * each sentiment-bearing token gets its lexicon valence, shifted by the words before it
 * (degree words, negation up to three words back within the clause), by capitals and
 * lengthening; then "but" moves weight to the clause after it, a question weakens what it
 * asks about, "!" and "?" add emphasis, and the sum is squashed into [−1, 1]. Each thread
 * keeps its own scratch arrays, so scoring allocates only the result.
 */
public final class SentimentEngine implements SentimentScorer {

	/**
	 * Names the engine and its lexicon in every scored record; bump it when scores
	 * change.
	 */
	public static final String VERSION = "tributary-sentiment/1";

	/**
	 * Added to a valence by a word in capitals when the rest of the text is not (VADER:
	 * 0.733).
	 */
	static final double CAPS_EMPHASIS = 0.733;

	/**
	 * Added to a valence by a lengthened word ("sooo gooood"): one degree word's worth.
	 */
	static final double LENGTHENING_EMPHASIS = 0.293;

	/** Multiplies the valence of a negated word: it flips and weakens (VADER: −0.74). */
	static final double NEGATION = -0.74;

	/** "never so good" is better than "so good" (VADER: 1.25). */
	static final double NEVER_SO = 1.25;

	/** Weight of the clause before a contrast word, and after it (VADER: 0.5, 1.5). */
	static final double BEFORE_CONTRAST = 0.5;

	static final double AFTER_CONTRAST = 1.5;

	/** Each "!" up to four adds this much emphasis (VADER: 0.292). */
	static final double EXCLAMATION_EMPHASIS = 0.292;

	static final int MAX_EXCLAMATIONS = 4;

	/**
	 * Two or three "?" add this much each, more than three add
	 * {@link #MAX_QUESTION_EMPHASIS}.
	 */
	static final double QUESTION_EMPHASIS = 0.18;

	static final double MAX_QUESTION_EMPHASIS = 0.96;

	/**
	 * Sentiment words in a question are asked about rather than asserted ("is it any
	 * good?"), so they count for less.
	 */
	static final double QUESTION_FACTOR = 0.8;

	/** How quickly the compound score approaches ±1 as valences add up (VADER: 15). */
	static final double NORMALIZATION_ALPHA = 15;

	private final Lexicon lexicon;

	private final Tokenizer tokenizer;

	private final ThreadLocal<Tokens> scratch = ThreadLocal.withInitial(Tokens::new);

	private final int no;

	private final int never;

	private final int so;

	private final int thisWord;

	private final int without;

	private final int doubt;

	private final int least;

	private final int at;

	private final int very;

	private final int or;

	private final int nor;

	private SentimentEngine(Lexicon lexicon) {
		this.lexicon = lexicon;
		this.tokenizer = new Tokenizer(lexicon);
		this.no = lexicon.require("no");
		this.never = lexicon.require("never");
		this.so = lexicon.require("so");
		this.thisWord = lexicon.require("this");
		this.without = lexicon.require("without");
		this.doubt = lexicon.require("doubt");
		this.least = lexicon.require("least");
		this.at = lexicon.require("at");
		this.very = lexicon.require("very");
		this.or = lexicon.require("or");
		this.nor = lexicon.require("nor");
	}

	/** Loads the lexicons from the classpath; one instance serves every thread. */
	public static SentimentEngine create() {
		return new SentimentEngine(Lexicon.load());
	}

	@Override
	public SentimentScore score(String text) {
		Objects.requireNonNull(text, "text");
		Tokens tokens = this.scratch.get();
		try {
			this.tokenizer.tokenize(HtmlEntities.decode(text), tokens);
			return sum(tokens);
		}
		finally {
			if (!tokens.worthKeeping()) {
				this.scratch.remove();
			}
		}
	}

	@Override
	public String version() {
		return VERSION;
	}

	/**
	 * Scores a text and names what carried its valence. Each contribution is a lexicon
	 * entry of the text (a word, phrase, emoticon or emoji) with the valence it added to
	 * the sum that {@link SentimentScore#compound()} squashes, after negation, degree
	 * words, capitals, lengthening, "but" and questions changed it; a word whose valence
	 * a negation flipped is named {@code "not <word>"}, and a word that occurs more than
	 * once is one contribution with the sum of its valences. The emphasis of "!" and "?"
	 * is named {@code "!"} and {@code "?"}. Slower than {@link #score(String)} (it names
	 * and sorts), which scoring does not pay for.
	 */
	@Override
	public Explanation explain(String text, int limit) {
		Objects.requireNonNull(text, "text");
		if (limit < 0) {
			throw new IllegalArgumentException("limit must not be negative but was " + limit);
		}
		Tokens tokens = this.scratch.get();
		try {
			this.tokenizer.tokenize(HtmlEntities.decode(text), tokens);
			SentimentScore score = sum(tokens);
			return new Explanation(score, contributions(tokens, limit));
		}
		finally {
			if (!tokens.worthKeeping()) {
				this.scratch.remove();
			}
		}
	}

	/** The valences {@link #sum(Tokens)} left in the tokens, named and largest first. */
	private List<Contribution> contributions(Tokens tokens, int limit) {
		Map<String, double[]> byFeature = new LinkedHashMap<>();
		double sum = 0;
		for (int t = 0; t < tokens.count; t++) {
			double valence = tokens.valences[t];
			if (valence == 0) {
				continue;
			}
			sum += valence;
			int id = tokens.ids[t];
			double own = this.lexicon.valence(id);
			boolean negated = own != 0 && (own > 0) != (valence > 0);
			String feature = negated ? "not " + this.lexicon.key(id) : this.lexicon.key(id);
			byFeature.computeIfAbsent(feature, (ignored) -> new double[1])[0] += valence;
		}
		if (sum != 0) {
			// The emphasis of "!" and "?" strengthens whichever way the text leans.
			double sign = Math.signum(sum);
			double exclamations = Math.min(tokens.exclamations, MAX_EXCLAMATIONS) * EXCLAMATION_EMPHASIS;
			double questions = punctuationEmphasis(tokens) - exclamations;
			if (exclamations != 0) {
				byFeature.put("!", new double[] { sign * exclamations });
			}
			if (questions != 0) {
				byFeature.put("?", new double[] { sign * questions });
			}
		}
		List<Contribution> contributions = new ArrayList<>(byFeature.size());
		byFeature.forEach((feature, weight) -> {
			if (weight[0] != 0) {
				contributions.add(new Contribution(feature, weight[0]));
			}
		});
		// A stable sort: equal weights keep the order of the text.
		contributions.sort(Comparator.comparingDouble((Contribution each) -> -Math.abs(each.weight())));
		return (contributions.size() > limit) ? contributions.subList(0, limit) : contributions;
	}

	private SentimentScore sum(Tokens tokens) {
		int count = tokens.count;
		int words = 0;
		int capitalised = 0;
		for (int t = 0; t < count; t++) {
			words += tokens.has(t, Tokens.WORDLIKE) ? 1 : 0;
			capitalised += tokens.has(t, Tokens.CAPS) ? 1 : 0;
		}
		// Capitals stand out only against text that is not all capitals.
		boolean capsStandOut = capitalised > 0 && capitalised < words;
		int contrast = -1;
		for (int t = 0; t < count; t++) {
			if (contrast < 0 && this.lexicon.is(tokens.ids[t], Lexicon.CONTRAST)) {
				contrast = t;
			}
			tokens.valences[t] = valence(tokens, t, capsStandOut);
		}
		if (contrast >= 0) {
			for (int t = 0; t < count; t++) {
				if (t != contrast) {
					tokens.valences[t] *= (t < contrast) ? BEFORE_CONTRAST : AFTER_CONTRAST;
				}
			}
		}
		boolean question = false;
		for (int t = count - 1; t >= 0; t--) {
			if (tokens.has(t, Tokens.QUESTION_END)) {
				question = true;
			}
			else if (tokens.has(t, Tokens.STATEMENT_END)) {
				question = false;
			}
			if (question) {
				tokens.valences[t] *= QUESTION_FACTOR;
			}
		}
		double emphasis = punctuationEmphasis(tokens);
		double sum = 0;
		double positive = 0;
		double negative = 0;
		int neutral = 0;
		for (int t = 0; t < count; t++) {
			double valence = tokens.valences[t];
			sum += valence;
			if (valence > 0) {
				positive += valence + 1;
			}
			else if (valence < 0) {
				negative += valence - 1;
			}
			else {
				neutral++;
			}
		}
		if (sum > 0) {
			sum += emphasis;
		}
		else if (sum < 0) {
			sum -= emphasis;
		}
		double compound = sum / Math.sqrt(sum * sum + NORMALIZATION_ALPHA);
		compound = Math.max(-1, Math.min(1, compound));
		if (positive > -negative) {
			positive += emphasis;
		}
		else if (positive < -negative) {
			negative -= emphasis;
		}
		double total = positive - negative + neutral;
		if (total == 0) {
			return new SentimentScore(compound, 0, 1, 0);
		}
		return new SentimentScore(compound, positive / total, neutral / total, (negative == 0) ? 0 : -negative / total);
	}

	private double valence(Tokens tokens, int t, boolean capsStandOut) {
		int[] ids = tokens.ids;
		int id = ids[t];
		if (!this.lexicon.hasValence(id)) {
			return 0;
		}
		if (this.lexicon.booster(id) != 0 && t + 1 < tokens.count && this.lexicon.hasValence(ids[t + 1])
				&& !tokens.has(t + 1, Tokens.CLAUSE_START)) {
			// "incredibly bad": a degree word before a sentiment word only modifies it.
			return 0;
		}
		if (id == this.no && t + 1 < tokens.count && this.lexicon.hasValence(ids[t + 1])) {
			// "no problems": a determiner here, its negation is applied to the next word.
			return 0;
		}
		double valence = this.lexicon.valence(id);
		int clause = clauseDistance(tokens, t);
		if ((clause >= 1 && ids[t - 1] == this.no) || (clause >= 2 && ids[t - 2] == this.no)
				|| (clause >= 3 && ids[t - 3] == this.no && (ids[t - 1] == this.or || ids[t - 1] == this.nor))) {
			// "no good", "no real help", "no love or care"
			valence *= NEGATION;
		}
		if (capsStandOut && tokens.has(t, Tokens.CAPS)) {
			valence += (valence > 0) ? CAPS_EMPHASIS : -CAPS_EMPHASIS;
		}
		if (tokens.has(t, Tokens.ELONGATED)) {
			valence += (valence > 0) ? LENGTHENING_EMPHASIS : -LENGTHENING_EMPHASIS;
		}
		for (int distance = 1; distance <= 3 && t - distance >= 0; distance++) {
			if (tokens.has(t - distance + 1, Tokens.CLAUSE_START)) {
				// Degree words and negation do not reach across a clause boundary.
				break;
			}
			int before = t - distance;
			if (this.lexicon.hasValence(ids[before]) && !(distance == 1 && this.lexicon.booster(ids[before]) != 0)) {
				// A sentiment word counts on its own, unless it is a degree word right
				// before this one ("damn good").
				break;
			}
			valence += degree(tokens, before, valence, capsStandOut)
					* ((distance == 1) ? 1 : (distance == 2) ? 0.95 : 0.9);
			valence = negate(tokens, t, distance, valence);
		}
		if (t > 1 && ids[t - 1] == this.least) {
			if (ids[t - 2] != this.at && ids[t - 2] != this.very) {
				valence *= NEGATION;
			}
		}
		else if (t == 1 && ids[0] == this.least) {
			valence *= NEGATION;
		}
		return valence;
	}

	/** How many tokens before {@code t}, up to three, are in the same clause. */
	private static int clauseDistance(Tokens tokens, int t) {
		int distance = 0;
		while (distance < 3 && t - distance > 0 && !tokens.has(t - distance, Tokens.CLAUSE_START)) {
			distance++;
		}
		return distance;
	}

	/**
	 * How much a degree word ("very", "barely") moves a valence away from or towards
	 * zero.
	 */
	private double degree(Tokens tokens, int index, double valence, boolean capsStandOut) {
		double degree = this.lexicon.booster(tokens.ids[index]);
		if (degree == 0) {
			return 0;
		}
		if (valence < 0) {
			degree = -degree;
		}
		if (capsStandOut && tokens.has(index, Tokens.CAPS)) {
			degree += (valence > 0) ? CAPS_EMPHASIS : -CAPS_EMPHASIS;
		}
		if (tokens.has(index, Tokens.ELONGATED)) {
			// "sooo good" says more than "so good".
			degree += (degree > 0) ? LENGTHENING_EMPHASIS : -LENGTHENING_EMPHASIS;
		}
		return degree;
	}

	private double negate(Tokens tokens, int t, int distance, double valence) {
		int[] ids = tokens.ids;
		int before = ids[t - distance];
		if (distance >= 2) {
			boolean soOrThis = isSoOrThis(ids[t - 1]) || (distance == 3 && isSoOrThis(ids[t - 2]));
			if (before == this.never && soOrThis) {
				// "never so good", "never this happy": praise, not negation.
				return valence * NEVER_SO;
			}
			boolean doubtBetween = ids[t - 1] == this.doubt || (distance == 3 && ids[t - 2] == this.doubt);
			if (before == this.without && doubtBetween) {
				// "without a doubt the best": the negation is of the doubt.
				return valence;
			}
		}
		return isNegation(tokens, t - distance) ? valence * NEGATION : valence;
	}

	private boolean isSoOrThis(int id) {
		return id == this.so || id == this.thisWord;
	}

	private boolean isNegation(Tokens tokens, int index) {
		return tokens.has(index, Tokens.NEGATED) || this.lexicon.is(tokens.ids[index], Lexicon.NEGATION);
	}

	private static double punctuationEmphasis(Tokens tokens) {
		double emphasis = Math.min(tokens.exclamations, MAX_EXCLAMATIONS) * EXCLAMATION_EMPHASIS;
		if (tokens.questions > 1) {
			emphasis += (tokens.questions <= 3) ? tokens.questions * QUESTION_EMPHASIS : MAX_QUESTION_EMPHASIS;
		}
		return emphasis;
	}

}
