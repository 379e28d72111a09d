package tributary.sentiment.engine.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tributary.sentiment.engine.SentimentEngine;
import tributary.sentiment.engine.SentimentLabel;

/**
 * Measures how well the engine agrees with people on the VADER tweets ground truth (Hutto
 * and Gilbert 2014: 4,200 tweets, each the mean of about 20 ratings on −4..+4).
 * <p>
 * Reports Pearson r between compound and the human mean, 3-class accuracy and macro-F1
 * with the gold label from the mean divided by 4 and the same ±0.05 neutral band, and
 * exits with status 1 when r &lt; 0.88 or accuracy &lt; 0.90, 2 when the data is missing.
 * Run it with {@code bench/run sentiment-accuracy [path]}; {@code --errors N} lists the N
 * largest disagreements.
 */
public final class AccuracyBenchmark {

	static final double TARGET_PEARSON = 0.88;

	static final double TARGET_ACCURACY = 0.90;

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
		SentimentEngine engine = SentimentEngine.create();
		Result result = evaluate(engine, rated);
		PrintStream out = System.out;
		out.printf(Locale.ROOT, "texts          %d (%s)%n", rated.size(), path.toAbsolutePath().normalize());
		out.printf(Locale.ROOT, "engine         %s%n", engine.version());
		out.printf(Locale.ROOT, "pearson r      %.4f (target >= %.2f)%n", result.pearson, TARGET_PEARSON);
		out.printf(Locale.ROOT, "accuracy       %.4f (target >= %.2f)%n", result.accuracy, TARGET_ACCURACY);
		out.printf(Locale.ROOT, "macro-F1       %.4f%n", result.macroF1);
		for (SentimentLabel label : SentimentLabel.values()) {
			int i = label.ordinal();
			out.printf(Locale.ROOT, "  %-8s gold %4d  predicted %4d  P %.3f  R %.3f  F1 %.3f%n", label, result.gold[i],
					result.predicted[i], result.precision[i], result.recall[i], result.f1[i]);
		}
		if (errors > 0) {
			rated.stream()
				.sorted((a, b) -> Double.compare(Math.abs(engine.score(b.text).compound() - b.mean / 4),
						Math.abs(engine.score(a.text).compound() - a.mean / 4)))
				.limit(errors)
				.forEach((r) -> out.printf(Locale.ROOT, "%+.3f %+.3f %s%n", r.mean / 4, engine.score(r.text).compound(),
						r.text));
		}
		boolean passed = result.pearson >= TARGET_PEARSON && result.accuracy >= TARGET_ACCURACY;
		out.println(passed ? "PASS" : "FAIL: below target");
		System.exit(passed ? 0 : 1);
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

	static Result evaluate(SentimentEngine engine, List<Rated> rated) {
		int n = rated.size();
		double[] x = new double[n];
		double[] y = new double[n];
		int[][] confusion = new int[3][3];
		for (int i = 0; i < n; i++) {
			Rated r = rated.get(i);
			x[i] = engine.score(r.text).compound();
			y[i] = r.mean;
			confusion[SentimentLabel.of(r.mean / 4).ordinal()][SentimentLabel.of(x[i]).ordinal()]++;
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
