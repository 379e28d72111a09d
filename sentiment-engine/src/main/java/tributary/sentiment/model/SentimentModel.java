package tributary.sentiment.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import tributary.sentiment.engine.Explanation;
import tributary.sentiment.engine.Explanation.Contribution;
import tributary.sentiment.engine.SentimentEngine;
import tributary.sentiment.engine.SentimentLabel;
import tributary.sentiment.engine.SentimentScore;
import tributary.sentiment.engine.SentimentScorer;

/**
 * Scores text with a trained linear model: logistic regression, one class against the
 * rest (as liblinear trains it), over the {@link Features} of the text, whose dense
 * features include the rules engine's scores.
 * <p>
 * The probability of each class is its logistic decision value, the three normalised to
 * add up to 1 (liblinear's {@code predictProbability}); then each is multiplied by
 * {@code exp(bias)} of its class and normalised again: the model file's calibration
 * biases, which can shift the classes' recall on data unlike the training data (0 in the
 * shipped model, where the class weights already balance it). The label is the most
 * probable class, compound is P(positive) − P(negative), and positive, neutral, negative
 * are the probabilities.
 * <p>
 * Thread-safe and allocation-light: each thread keeps its own feature buffers.
 */
public final class SentimentModel implements SentimentScorer {

	/** Where {@link #loadDefault()} finds the trained model on the class path. */
	public static final String DEFAULT_RESOURCE = "/tributary/sentiment/model/sentiment-model.bin";

	private final LinearModel model;

	private final Features features;

	private final String version;

	private final ThreadLocal<FeatureVector> vectors = ThreadLocal.withInitial(FeatureVector::new);

	private SentimentModel(LinearModel model, SentimentEngine rules, String version) {
		this.model = model;
		this.features = new Features(model.bits(), rules);
		this.version = version;
	}

	/**
	 * Loads the model this jar ships.
	 * @throws ModelUnreadable when it is missing or corrupt
	 */
	public static SentimentModel loadDefault() {
		try (InputStream in = SentimentModel.class.getResourceAsStream(DEFAULT_RESOURCE)) {
			if (in == null) {
				throw new ModelUnreadable(
						"Model file classpath:" + DEFAULT_RESOURCE + " is missing from the class path");
			}
			return of(in.readAllBytes(), "classpath:" + DEFAULT_RESOURCE);
		}
		catch (IOException ex) {
			throw new ModelUnreadable("Model file classpath:" + DEFAULT_RESOURCE + " cannot be read: " + ex, ex);
		}
	}

	/**
	 * Loads a model file.
	 * @throws ModelUnreadable when it is missing, unreadable or corrupt
	 */
	public static SentimentModel load(Path file) {
		Objects.requireNonNull(file, "file");
		try {
			return of(Files.readAllBytes(file), file.toString());
		}
		catch (NoSuchFileException ex) {
			throw new ModelUnreadable("Model file " + file + " does not exist", ex);
		}
		catch (IOException ex) {
			throw new ModelUnreadable("Model file " + file + " cannot be read: " + ex, ex);
		}
	}

	/**
	 * A model from the bytes of its file.
	 * @param source names the file in errors
	 */
	public static SentimentModel of(byte[] file, String source) {
		LinearModel model = LinearModel.read(file, source);
		return new SentimentModel(model, SentimentEngine.create(),
				model.name() + "+sha256:" + LinearModel.shortHash(file));
	}

	/** A model from its numbers, as the trainer holds them. */
	public static SentimentModel of(LinearModel model, SentimentEngine rules, String version) {
		return new SentimentModel(model, rules, version);
	}

	/**
	 * Names the model and the exact file: {@code tributary-model/1+sha256:} and the first
	 * 12 hex digits of the file's SHA-256.
	 */
	@Override
	public String version() {
		return this.version;
	}

	/** The feature extraction this model scores with. */
	public Features features() {
		return this.features;
	}

	@Override
	public SentimentScore score(String text) {
		FeatureVector vector = this.vectors.get();
		this.features.extract(text, vector);
		SentimentScore score = score(vector);
		if (!vector.worthKeeping()) {
			this.vectors.remove();
		}
		return score;
	}

	/**
	 * The decision values of the three classes, before the logistic function: the
	 * intercept plus the sum of value × weight over the features.
	 */
	public void decisionValues(FeatureVector vector, double[] out) {
		float[] weights = this.model.weights;
		double positive = this.model.intercepts[LinearModel.POSITIVE];
		double neutral = this.model.intercepts[LinearModel.NEUTRAL];
		double negative = this.model.intercepts[LinearModel.NEGATIVE];
		int[] indices = vector.indices;
		float[] values = vector.values;
		for (int i = 0; i < vector.size; i++) {
			int at = indices[i] * LinearModel.CLASSES;
			double value = values[i];
			positive += value * weights[at];
			neutral += value * weights[at + 1];
			negative += value * weights[at + 2];
		}
		out[LinearModel.POSITIVE] = positive;
		out[LinearModel.NEUTRAL] = neutral;
		out[LinearModel.NEGATIVE] = negative;
	}

	private SentimentScore score(FeatureVector vector) {
		double[] values = new double[LinearModel.CLASSES];
		decisionValues(vector, values);
		double sum = 0;
		for (int c = 0; c < LinearModel.CLASSES; c++) {
			values[c] = 1 / (1 + Math.exp(-values[c]));
			sum += values[c];
		}
		double calibrated = 0;
		for (int c = 0; c < LinearModel.CLASSES; c++) {
			values[c] = values[c] / sum * Math.exp(this.model.biases[c]);
			calibrated += values[c];
		}
		double positive = values[LinearModel.POSITIVE] / calibrated;
		double neutral = values[LinearModel.NEUTRAL] / calibrated;
		double negative = values[LinearModel.NEGATIVE] / calibrated;
		// The first most probable class, in the order liblinear breaks ties.
		SentimentLabel label = SentimentLabel.POSITIVE;
		double best = positive;
		if (neutral > best) {
			label = SentimentLabel.NEUTRAL;
			best = neutral;
		}
		if (negative > best) {
			label = SentimentLabel.NEGATIVE;
		}
		double compound = Math.max(-1, Math.min(1, positive - negative));
		return new SentimentScore(compound, positive, neutral, negative, label);
	}

	/**
	 * Scores a text and names the features that pushed it most. A feature's push is its
	 * value × (its positive weight − its negative weight): how much it moved the decision
	 * between positive and negative, in log-odds, positive towards positive. Pushes
	 * towards or away from neutral alone are not shown.
	 */
	@Override
	public Explanation explain(String text, int limit) {
		if (limit < 0) {
			throw new IllegalArgumentException("limit must not be negative but was " + limit);
		}
		FeatureVector vector = new FeatureVector();
		Map<Integer, String> names = new HashMap<>();
		this.features.extract(text, vector, names);
		SentimentScore score = score(vector);
		List<Contribution> contributions = new ArrayList<>(vector.size);
		for (int i = 0; i < vector.size; i++) {
			int index = vector.indices[i];
			double push = vector.values[i] * ((double) this.model.weight(index, LinearModel.POSITIVE)
					- this.model.weight(index, LinearModel.NEGATIVE));
			if (push != 0) {
				contributions.add(new Contribution(names.getOrDefault(index, "feature " + index), push));
			}
		}
		contributions.sort(Comparator.comparingDouble((Contribution c) -> -Math.abs(c.weight()))
			.thenComparing(Contribution::feature));
		return new Explanation(score, contributions.subList(0, Math.min(limit, contributions.size())));
	}

}
