package tributary.sentiment.training;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;

import tributary.sentiment.engine.SentimentEngine;
import tributary.sentiment.engine.SentimentLabel;
import tributary.sentiment.model.FeatureVector;
import tributary.sentiment.model.Features;
import tributary.sentiment.model.LinearModel;
import tributary.sentiment.model.SentimentModel;

/**
 * Trains the sentiment model with liblinear and writes it with its provenance.
 * <p>
 * Logistic regression (liblinear's {@code L2R_LR}, one class against the rest, which
 * gives probabilities), classes weighted inversely to their frequency, features seen in
 * fewer than {@link Settings#minCount()} training tweets dropped. Three steps:
 * <ol>
 * <li>train on every file except the selection split (2016 dev and devtest) and the
 * report split (2016 test);</li>
 * <li>calibrate the per-class biases on the selection split for the best macro-averaged
 * recall, and measure that model on the report split, which chose nothing;</li>
 * <li>train on every tweet with the same settings and those biases: the model that
 * ships.</li>
 * </ol>
 * Deterministic: the files in a fixed order, duplicate ids kept once (first file wins),
 * liblinear's random source reset, and the model file written in index order.
 * <p>
 * {@code --check} trains and compares with the committed file instead of writing it;
 * {@code --search} tries the settings around the chosen ones on the selection split.
 */
public final class Trainer {

	/** The settings the committed model was trained with, chosen by {@code --search}. */
	static final Settings SETTINGS = new Settings(0.5, 2, 0.001, 0);

	static final String MODEL_NAME = "tributary-model/1";

	static final List<String> FILES = List.of("twitter-2013train-A.txt.gz", "twitter-2013test-A.txt.gz",
			"twitter-2015train-A.txt.gz", "twitter-2015test-A.txt.gz", "twitter-2016train-A.txt.gz",
			"twitter-2016dev-A.txt.gz", "twitter-2016devtest-A.txt.gz", "twitter-2016test-A.txt.gz");

	static final Set<String> SELECTION = Set.of("twitter-2016dev-A.txt", "twitter-2016devtest-A.txt");

	static final Set<String> REPORT = Set.of("twitter-2016test-A.txt");

	static final int BITS = 20;

	private final Path data;

	private final SentimentEngine rules;

	private final Features features;

	private final PrintStream log;

	/**
	 * @param c liblinear's cost: higher fits the training data more closely
	 * @param minCount features in fewer training tweets than this are dropped
	 * @param eps liblinear's stopping tolerance
	 * @param denseScale the dense (rules engine) features are multiplied by 2^this
	 */
	record Settings(double c, int minCount, double eps, int denseScale) {

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "C=%s minCount=%d eps=%s denseScale=%d", this.c, this.minCount, this.eps,
					this.denseScale);
		}

	}

	Trainer(Path data, PrintStream log) {
		this.data = data;
		this.rules = SentimentEngine.create();
		this.features = new Features(BITS, this.rules);
		this.log = log;
	}

	public static void main(String[] args) throws IOException {
		Path root = Path.of(".");
		boolean check = false;
		boolean search = false;
		for (String arg : args) {
			switch (arg) {
				case "--check" -> check = true;
				case "--search" -> search = true;
				default -> root = Path.of(arg);
			}
		}
		Linear.disableDebugOutput();
		Trainer trainer = new Trainer(root.resolve("sentiment-training/data"), System.out);
		Path resources = root.resolve("sentiment-engine/src/main/resources/tributary/sentiment/model");
		if (search) {
			trainer.search();
			return;
		}
		Result result = trainer.train(SETTINGS);
		Path modelFile = resources.resolve("sentiment-model.bin");
		Path provenanceFile = resources.resolve("sentiment-model.provenance.json");
		if (check) {
			byte[] committed = Files.exists(modelFile) ? Files.readAllBytes(modelFile) : new byte[0];
			if (!MessageDigest.isEqual(committed, result.model())) {
				System.out.println("FAIL: " + modelFile + " is not the model the training data and settings give ("
						+ sha256(committed) + " committed, " + sha256(result.model()) + " trained)");
				System.exit(1);
			}
			System.out.println("OK: " + modelFile + " is the model the training data and settings give ("
					+ sha256(committed) + ")");
			return;
		}
		Files.createDirectories(resources);
		Files.write(modelFile, result.model());
		Files.writeString(provenanceFile, result.provenance(), StandardCharsets.UTF_8);
		System.out.println("wrote " + modelFile + " (" + result.model().length + " bytes, sha256 "
				+ sha256(result.model()) + ") and " + provenanceFile);
	}

	/** The model file's bytes and its provenance. */
	record Result(byte[] model, String provenance) {

	}

	Result train(Settings settings) throws IOException {
		Data all = load();
		List<Tweet> train = all.without(SELECTION, REPORT);
		List<Tweet> selection = all.only(SELECTION);
		List<Tweet> report = all.only(REPORT);
		this.log.printf(Locale.ROOT, "held-out model: %d training tweets, %s%n", train.size(), settings);
		LinearModel heldOut = fit(train, settings, new double[3]);
		double[] biases = calibrate(heldOut, selection);
		LinearModel calibrated = withBiases(heldOut, biases);
		Figures selectionFigures = evaluate(calibrated, selection);
		Figures reportFigures = evaluate(calibrated, report);
		Figures uncalibratedReport = evaluate(heldOut, report);
		this.log.printf(Locale.ROOT, "biases %s%n  selection %s%n  report    %s%n  report without calibration %s%n",
				format(biases), selectionFigures, reportFigures, uncalibratedReport);
		List<Tweet> everything = all.tweets();
		this.log.printf(Locale.ROOT, "final model: %d training tweets%n", everything.size());
		LinearModel shipped = fit(everything, settings, biases);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		shipped.write(bytes);
		byte[] model = bytes.toByteArray();
		String provenance = provenance(all, settings, biases, train.size(), selection.size(), report.size(),
				selectionFigures, reportFigures, uncalibratedReport, model);
		return new Result(model, provenance);
	}

	/**
	 * Tries the settings around the chosen ones; prints the selection split's figures.
	 */
	void search() throws IOException {
		Data all = load();
		List<Tweet> train = all.without(SELECTION, REPORT);
		List<Tweet> selection = all.only(SELECTION);
		List<Tweet> report = all.only(REPORT);
		for (double c : new double[] { 0.1, 0.25, 0.5, 1 }) {
			for (int minCount : new int[] { 2 }) {
				for (int denseScale : new int[] { 0, 1 }) {
					Settings settings = new Settings(c, minCount, SETTINGS.eps(), denseScale);
					LinearModel model = fit(train, settings, new double[3]);
					double[] biases = calibrate(model, selection);
					LinearModel calibrated = withBiases(model, biases);
					this.log.printf(Locale.ROOT, "%s  selection %s  report %s%n", settings,
							evaluate(calibrated, selection), evaluate(calibrated, report));
				}
			}
		}
	}

	/** Every tweet of the files, each id once: the first file that has it keeps it. */
	record Data(List<Tweet> tweets, List<String> files, List<String> hashes, List<Integer> counts) {

		List<Tweet> without(Set<String> a, Set<String> b) {
			Set<String> heldOutIds = new LinkedHashSet<>();
			for (Tweet tweet : this.tweets) {
				if (a.contains(tweet.file()) || b.contains(tweet.file())) {
					heldOutIds.add(tweet.id());
				}
			}
			return this.tweets.stream()
				.filter((tweet) -> !a.contains(tweet.file()) && !b.contains(tweet.file()))
				.filter((tweet) -> !heldOutIds.contains(tweet.id()))
				.toList();
		}

		List<Tweet> only(Set<String> files) {
			return this.tweets.stream().filter((tweet) -> files.contains(tweet.file())).toList();
		}

	}

	Data load() throws IOException {
		List<Tweet> tweets = new ArrayList<>();
		Set<String> ids = new LinkedHashSet<>();
		List<String> hashes = new ArrayList<>();
		List<Integer> counts = new ArrayList<>();
		// Held-out files first, so that a tweet in a held-out file and in a training file
		// counts as held out.
		List<String> order = Stream
			.concat(FILES.stream().filter((f) -> isHeldOut(f)), FILES.stream().filter((f) -> !isHeldOut(f)))
			.toList();
		for (String file : order) {
			Path path = this.data.resolve(file);
			hashes.add(sha256(Files.readAllBytes(path)));
			List<Tweet> read = Tweets.read(path);
			int kept = 0;
			for (Tweet tweet : read) {
				if (ids.add(tweet.id())) {
					tweets.add(tweet);
					kept++;
				}
			}
			counts.add(kept);
		}
		return new Data(List.copyOf(tweets), order, hashes, counts);
	}

	private static boolean isHeldOut(String file) {
		String name = file.replace(".gz", "");
		return SELECTION.contains(name) || REPORT.contains(name);
	}

	/** Trains liblinear's logistic regression and takes its weights. */
	LinearModel fit(List<Tweet> tweets, Settings settings, double[] biases) {
		int dimension = this.features.dimension();
		Feature[][] x = new Feature[tweets.size()][];
		double[] y = new double[tweets.size()];
		int[] counts = new int[dimension];
		FeatureVector vector = new FeatureVector();
		List<int[]> indices = new ArrayList<>(tweets.size());
		List<float[]> values = new ArrayList<>(tweets.size());
		for (Tweet tweet : tweets) {
			this.features.extract(tweet.text(), vector);
			int[] index = new int[vector.size()];
			float[] value = new float[vector.size()];
			for (int i = 0; i < vector.size(); i++) {
				index[i] = vector.index(i);
				value[i] = vector.value(i);
				counts[index[i]]++;
			}
			indices.add(index);
			values.add(value);
		}
		double denseScale = Math.scalb(1.0, settings.denseScale());
		int[] classCounts = new int[3];
		for (int t = 0; t < tweets.size(); t++) {
			int[] index = indices.get(t);
			float[] value = values.get(t);
			List<Feature> nodes = new ArrayList<>(index.length + 1);
			for (int i = 0; i < index.length; i++) {
				boolean dense = index[i] < Features.denseCount();
				if (dense || counts[index[i]] >= settings.minCount()) {
					nodes.add(new FeatureNode(index[i] + 1, dense ? value[i] * denseScale : value[i]));
				}
			}
			nodes.add(new FeatureNode(dimension + 1, 1.0));
			x[t] = nodes.toArray(new Feature[0]);
			int label = classOf(tweets.get(t).label());
			y[t] = label + 1;
			classCounts[label]++;
		}
		Problem problem = new Problem();
		problem.l = tweets.size();
		problem.n = dimension + 1;
		problem.x = x;
		problem.y = y;
		problem.bias = 1;
		Parameter parameter = new Parameter(SolverType.L2R_LR, settings.c(), settings.eps());
		double[] classWeights = new double[3];
		for (int c = 0; c < 3; c++) {
			classWeights[c] = (double) tweets.size() / (3.0 * Math.max(1, classCounts[c]));
		}
		parameter.setWeights(classWeights, new int[] { 1, 2, 3 });
		Linear.resetRandom();
		Model model = Linear.train(problem, parameter);
		return toLinearModel(model, dimension, denseScale, biases);
	}

	/** Our weights from liblinear's: classes put in our order, dense weights rescaled. */
	static LinearModel toLinearModel(Model model, int dimension, double denseScale, double[] biases) {
		int[] labels = model.getLabels();
		float[] weights = new float[dimension * LinearModel.CLASSES];
		float[] intercepts = new float[LinearModel.CLASSES];
		for (int k = 0; k < labels.length; k++) {
			int c = labels[k] - 1;
			for (int i = 0; i < dimension; i++) {
				double w = model.getDecfunCoef(i + 1, k);
				if (i < Features.denseCount()) {
					w *= denseScale;
				}
				weights[i * LinearModel.CLASSES + c] = (float) w;
			}
			intercepts[c] = (float) model.getDecfunBias(k);
		}
		return new LinearModel(MODEL_NAME, Features.SCHEME, BITS, weights, intercepts, biases.clone());
	}

	static int classOf(SentimentLabel label) {
		return switch (label) {
			case POSITIVE -> LinearModel.POSITIVE;
			case NEUTRAL -> LinearModel.NEUTRAL;
			case NEGATIVE -> LinearModel.NEGATIVE;
		};
	}

	private static LinearModel withBiases(LinearModel model, double[] biases) {
		float[] weights = new float[(Features.denseCount() + (1 << model.bits())) * LinearModel.CLASSES];
		float[] intercepts = new float[LinearModel.CLASSES];
		for (int c = 0; c < LinearModel.CLASSES; c++) {
			intercepts[c] = model.intercept(c);
		}
		for (int i = 0; i < weights.length / LinearModel.CLASSES; i++) {
			for (int c = 0; c < LinearModel.CLASSES; c++) {
				weights[i * LinearModel.CLASSES + c] = model.weight(i, c);
			}
		}
		return new LinearModel(model.name(), model.scheme(), model.bits(), weights, intercepts, biases.clone());
	}

	/**
	 * The biases (positive's held at 0) that give the best macro-averaged recall on the
	 * tweets, searched on a grid of 0.02 in [-1, 1]; the first best in grid order wins.
	 */
	double[] calibrate(LinearModel model, List<Tweet> tweets) {
		double[][] probabilities = probabilities(model, tweets);
		int[] gold = tweets.stream().mapToInt((tweet) -> classOf(tweet.label())).toArray();
		double best = -1;
		double[] bestBiases = new double[3];
		for (int n = -50; n <= 50; n++) {
			for (int g = -50; g <= 50; g++) {
				double[] biases = { 0, n * 0.02, g * 0.02 };
				double recall = macroRecall(probabilities, gold, biases);
				if (recall > best + 1e-12) {
					best = recall;
					bestBiases = biases;
				}
			}
		}
		return bestBiases;
	}

	/** The uncalibrated probabilities of each tweet, as liblinear computes them. */
	private double[][] probabilities(LinearModel model, List<Tweet> tweets) {
		SentimentModel scorer = SentimentModel.of(withBiases(model, new double[3]), this.rules, "");
		double[][] out = new double[tweets.size()][];
		for (int t = 0; t < tweets.size(); t++) {
			var score = scorer.score(tweets.get(t).text());
			out[t] = new double[] { score.positive(), score.neutral(), score.negative() };
		}
		return out;
	}

	private static double macroRecall(double[][] probabilities, int[] gold, double[] biases) {
		int[] hits = new int[3];
		int[] totals = new int[3];
		double[] factors = { Math.exp(biases[0]), Math.exp(biases[1]), Math.exp(biases[2]) };
		for (int t = 0; t < gold.length; t++) {
			double[] p = probabilities[t];
			int predicted = 0;
			double best = p[0] * factors[0];
			for (int c = 1; c < 3; c++) {
				if (p[c] * factors[c] > best) {
					best = p[c] * factors[c];
					predicted = c;
				}
			}
			totals[gold[t]]++;
			if (predicted == gold[t]) {
				hits[gold[t]]++;
			}
		}
		double sum = 0;
		for (int c = 0; c < 3; c++) {
			sum += (totals[c] == 0) ? 0 : (double) hits[c] / totals[c];
		}
		return sum / 3;
	}

	/** Macro-averaged recall, per-class recall and accuracy of a model on tweets. */
	record Figures(int tweets, double macroRecall, double[] recall, double accuracy) {

		@Override
		public String toString() {
			return String.format(Locale.ROOT,
					"macro recall %.4f (positive %.4f, neutral %.4f, negative %.4f), accuracy %.4f, %d tweets",
					this.macroRecall, this.recall[0], this.recall[1], this.recall[2], this.accuracy, this.tweets);
		}

		String json() {
			return String.format(Locale.ROOT,
					"{\"tweets\": %d, \"macroRecall\": %.4f, \"recall\": {\"positive\": %.4f, \"neutral\": %.4f, "
							+ "\"negative\": %.4f}, \"accuracy\": %.4f}",
					this.tweets, this.macroRecall, this.recall[0], this.recall[1], this.recall[2], this.accuracy);
		}

	}

	Figures evaluate(LinearModel model, List<Tweet> tweets) {
		SentimentModel scorer = SentimentModel.of(model, this.rules, "");
		int[] hits = new int[3];
		int[] totals = new int[3];
		for (Tweet tweet : tweets) {
			int gold = classOf(tweet.label());
			totals[gold]++;
			if (classOf(scorer.score(tweet.text()).label()) == gold) {
				hits[gold]++;
			}
		}
		double[] recall = new double[3];
		double sum = 0;
		for (int c = 0; c < 3; c++) {
			recall[c] = (totals[c] == 0) ? 0 : (double) hits[c] / totals[c];
			sum += recall[c];
		}
		return new Figures(tweets.size(), sum / 3, recall, (double) (hits[0] + hits[1] + hits[2]) / tweets.size());
	}

	private static String provenance(Data data, Settings settings, double[] biases, int heldOutTraining, int selection,
			int report, Figures selectionFigures, Figures reportFigures, Figures uncalibrated, byte[] model) {
		StringBuilder json = new StringBuilder();
		json.append("{\n");
		json.append("  \"model\": \"").append(MODEL_NAME).append("\",\n");
		json.append("  \"sha256\": \"").append(sha256(model)).append("\",\n");
		json.append("  \"rebuild\": \"sentiment-training/train.sh\",\n");
		json.append("  \"trainer\": \"liblinear ")
			.append(Linear.getVersion() / 100)
			.append('.')
			.append(Linear.getVersion() % 100)
			.append(" (de.bwaldvogel:liblinear), solver L2R_LR, one class against the rest\",\n");
		json.append("  \"featureScheme\": ").append(Features.SCHEME).append(",\n");
		json.append("  \"featureBits\": ").append(BITS).append(",\n");
		json.append(String.format(Locale.ROOT,
				"  \"settings\": {\"C\": %s, \"eps\": %s, \"minCount\": %d, \"denseScale\": %d, "
						+ "\"classWeights\": \"n / (3 n_class)\", \"bias\": 1},%n",
				settings.c(), settings.eps(), settings.minCount(), settings.denseScale()));
		json.append(String.format(Locale.ROOT,
				"  \"calibrationBiases\": {\"positive\": %.2f, \"neutral\": %.2f, \"negative\": %.2f},%n", biases[0],
				biases[1], biases[2]));
		json.append("  \"data\": [\n");
		for (int i = 0; i < data.files().size(); i++) {
			json.append("    {\"file\": \"sentiment-training/data/")
				.append(data.files().get(i))
				.append("\", \"sha256\": \"")
				.append(data.hashes().get(i))
				.append("\", \"tweetsKept\": ")
				.append(data.counts().get(i))
				.append((i + 1 < data.files().size()) ? "},\n" : "}\n");
		}
		json.append("  ],\n");
		json.append("  \"finalTrainingTweets\": ").append(data.tweets().size()).append(",\n");
		json.append("  \"heldOut\": {\n");
		json.append("    \"method\": \"a model trained on ")
			.append(heldOutTraining)
			.append(" tweets (all but the 2016 dev, devtest and test files) had its biases calibrated on the ")
			.append(selection)
			.append(" tweets of 2016 dev + devtest (selection) and was measured on the ")
			.append(report)
			.append(" tweets of 2016 test (report), which chose nothing; the shipped model is trained on all ")
			.append(data.tweets().size())
			.append(" with the same settings and biases\",\n");
		json.append("    \"selection\": ").append(selectionFigures.json()).append(",\n");
		json.append("    \"report\": ").append(reportFigures.json()).append(",\n");
		json.append("    \"reportWithoutCalibration\": ").append(uncalibrated.json()).append("\n");
		json.append("  }\n");
		json.append("}\n");
		return json.toString();
	}

	private static String format(double[] biases) {
		return String.format(Locale.ROOT, "[%.2f, %.2f, %.2f]", biases[0], biases[1], biases[2]);
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JDK has SHA-256", ex);
		}
	}

}
