package tributary.sentiment.engine.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import tributary.sentiment.engine.SentimentEngine;
import tributary.sentiment.engine.SentimentLabel;
import tributary.sentiment.engine.SentimentScore;
import tributary.sentiment.model.SentimentModel;

/**
 * Measures how well the engine agrees with people on the VADER tweets ground truth (Hutto
 * and Gilbert 2014: 4,200 tweets, each the mean of about 20 ratings on −4..+4).
 * <p>
 * Reports, for the rules engine and for the trained model, Pearson r between compound and
 * the human mean, 3-class accuracy and macro-F1 with the gold label from the mean divided
 * by 4 and the same ±0.05 neutral band, and the model's held-out figures from its
 * provenance. Exits with status 1 when the rules engine has r &lt; 0.88 or accuracy &lt;
 * 0.90 or the model has r &lt; 0.85, 2 when the data is missing. Run it with
 * {@code bench/run sentiment-accuracy [path]}; {@code --errors N} lists the N largest
 * disagreements.
 */
public final class AccuracyBenchmark {

	static final double TARGET_PEARSON = 0.88;

	static final double TARGET_ACCURACY = 0.90;

	/**
	 * The trained model's gate: r only, since its label is its most probable class, not a
	 * band of compound.
	 */
	static final double TARGET_MODEL_PEARSON = 0.85;

	private AccuracyBenchmark() {
	}

	public static void main(String[] args) throws IOException {
		Path path = Path.of("../shared/datasets/vader-tweets/tweets_GroundTruth.txt");
		int errors = 0;
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals("--errors")) {
				errors = Integer.parseInt(args[++i]);
			}
			else {
				path = Path.of(args[i]);
			}
		}
		if (!Files.isRegularFile(path)) {
			System.err.println("No ground truth at " + path.toAbsolutePath().normalize()
					+ "; pass the path of tweets_GroundTruth.txt as the argument");
			System.exit(2);
		}
		List<Rated> rated = read(path);
		PrintStream out = System.out;
		out.printf(Locale.ROOT, "texts          %d (%s)%n", rated.size(), path.toAbsolutePath().normalize());
		SentimentEngine engine = SentimentEngine.create();
		boolean rules = report(out, engine.version(), engine::score, rated, TARGET_PEARSON, TARGET_ACCURACY, errors);
		SentimentModel model = SentimentModel.loadDefault();
		boolean trained = report(out, model.version(), model::score, rated, TARGET_MODEL_PEARSON, 0, errors);
		out.println();
		out.println(
				"model on held-out SemEval tweets (from its provenance; the shipped model is trained on all of them):");
		out.println(heldOutFigures());
		boolean passed = rules && trained;
		out.println(passed ? "PASS" : "FAIL: below target");
		System.exit(passed ? 0 : 1);
	}

	private static boolean report(PrintStream out, String version, Function<String, SentimentScore> scorer,
			List<Rated> rated, double targetPearson, double targetAccuracy, int errors) {
		Result result = evaluate(scorer, rated);
		out.println();
		out.printf(Locale.ROOT, "engine         %s%n", version);
		out.printf(Locale.ROOT, "pearson r      %.4f (target >= %.2f)%n", result.pearson, targetPearson);
		out.printf(Locale.ROOT, "accuracy       %.4f%s%n", result.accuracy,
				(targetAccuracy > 0) ? String.format(Locale.ROOT, " (target >= %.2f)", targetAccuracy) : "");
		out.printf(Locale.ROOT, "macro-F1       %.4f%n", result.macroF1);
		for (SentimentLabel label : SentimentLabel.values()) {
			int i = label.ordinal();
			out.printf(Locale.ROOT, "  %-8s gold %4d  predicted %4d  P %.3f  R %.3f  F1 %.3f%n", label, result.gold[i],
					result.predicted[i], result.precision[i], result.recall[i], result.f1[i]);
		}
		if (errors > 0) {
			rated.stream()
				.sorted((a, b) -> Double.compare(Math.abs(scorer.apply(b.text).compound() - b.mean / 4),
						Math.abs(scorer.apply(a.text).compound() - a.mean / 4)))
				.limit(errors)
				.forEach((r) -> out.printf(Locale.ROOT, "%+.3f %+.3f %s%n", r.mean / 4, scorer.apply(r.text).compound(),
						r.text));
		}
		return result.pearson >= targetPearson && result.accuracy >= targetAccuracy;
	}

	/** The held-out figures the trainer wrote beside the model. */
	private static String heldOutFigures() throws IOException {
		try (InputStream in = SentimentModel.class.getResourceAsStream("sentiment-model.provenance.json")) {
			if (in == null) {
				return "  (no provenance file beside the model)";
			}
			String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			StringBuilder lines = new StringBuilder();
			for (String line : json.split("\n")) {
				if (line.contains("\"selection\"") || line.contains("\"report\"")) {
					lines.append(line).append('\n');
				}
			}
			return lines.toString().stripTrailing();
		}
	}

	static List<Rated> read(Path path) throws IOException {
		List<Rated> rated = new ArrayList<>();
		int line = 0;
		for (String text : Files.readAllLines(path, StandardCharsets.UTF_8)) {
			line++;
			if (text.isBlank()) {
				continue;
			}
			String[] fields = text.split("\t", 3);
			if (fields.length < 3) {
				throw new IllegalArgumentException(path + ":" + line + ": expected id, mean rating, text");
			}
			rated.add(new Rated(Double.parseDouble(fields[1].strip()), fields[2].strip()));
		}
		return rated;
	}

	static Result evaluate(Function<String, SentimentScore> scorer, List<Rated> rated) {
		int n = rated.size();
		double[] x = new double[n];
		double[] y = new double[n];
		int[][] confusion = new int[3][3];
		for (int i = 0; i < n; i++) {
			Rated r = rated.get(i);
			SentimentScore score = scorer.apply(r.text);
			x[i] = score.compound();
			y[i] = r.mean;
			confusion[SentimentLabel.of(r.mean / 4).ordinal()][score.label().ordinal()]++;
		}
		return new Result(pearson(x, y), confusion, n);
	}

	static double pearson(double[] x, double[] y) {
		double mx = 0;
		double my = 0;
		for (int i = 0; i < x.length; i++) {
			mx += x[i];
			my += y[i];
		}
		mx /= x.length;
		my /= y.length;
		double sxy = 0;
		double sxx = 0;
		double syy = 0;
		for (int i = 0; i < x.length; i++) {
			sxy += (x[i] - mx) * (y[i] - my);
			sxx += (x[i] - mx) * (x[i] - mx);
			syy += (y[i] - my) * (y[i] - my);
		}
		return sxy / Math.sqrt(sxx * syy);
	}

	record Rated(double mean, String text) {
	}

	static final class Result {

		final double pearson;

		final double accuracy;

		final double macroF1;

		final int[] gold = new int[3];

		final int[] predicted = new int[3];

		final double[] precision = new double[3];

		final double[] recall = new double[3];

		final double[] f1 = new double[3];

		Result(double pearson, int[][] confusion, int n) {
			this.pearson = pearson;
			int correct = 0;
			for (int g = 0; g < 3; g++) {
				for (int p = 0; p < 3; p++) {
					this.gold[g] += confusion[g][p];
					this.predicted[p] += confusion[g][p];
				}
				correct += confusion[g][g];
			}
			double sumF1 = 0;
			for (int c = 0; c < 3; c++) {
				this.precision[c] = (this.predicted[c] == 0) ? 0 : (double) confusion[c][c] / this.predicted[c];
				this.recall[c] = (this.gold[c] == 0) ? 0 : (double) confusion[c][c] / this.gold[c];
				double sum = this.precision[c] + this.recall[c];
				this.f1[c] = (sum == 0) ? 0 : 2 * this.precision[c] * this.recall[c] / sum;
				sumF1 += this.f1[c];
			}
			this.accuracy = (double) correct / n;
			this.macroF1 = sumF1 / 3;
		}

	}

}
