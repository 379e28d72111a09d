package tributary.sentiment.engine.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import tributary.sentiment.engine.SentimentEngine;
import tributary.sentiment.engine.SentimentScore;
import tributary.sentiment.model.SentimentModel;

/**
 * Texts scored per second on one thread: each operation scores one tweet-length text,
 * cycling through a corpus. {@code corpus=written} is {@link SampleTexts} (in the
 * repository); {@code corpus=dataset} is the VADER tweets ground truth when it is present
 * (system property {@code tributary.dataset}). {@code engine=rules} is the rules engine,
 * {@code engine=model} the trained model ({@link SentimentModel#loadDefault()}). Run with
 * {@code bench/run sentiment-engine}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = { "-Xms256m", "-Xmx256m" })
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 7, time = 2)
public class ThroughputBenchmark {

	@Param({ "written", "dataset" })
	String corpus;

	@Param({ "rules", "model" })
	String engine;

	private Function<String, SentimentScore> scorer;

	private String[] texts;

	private int next;

	@Setup
	public void setUp() throws IOException {
		this.scorer = switch (this.engine) {
			case "rules" -> SentimentEngine.create()::score;
			case "model" -> SentimentModel.loadDefault()::score;
			default -> throw new IllegalArgumentException("Unknown engine " + this.engine);
		};
		this.texts = switch (this.corpus) {
			case "written" -> SampleTexts.TEXTS.toArray(String[]::new);
			case "dataset" -> dataset();
			default -> throw new IllegalArgumentException("Unknown corpus " + this.corpus);
		};
	}

	private static String[] dataset() throws IOException {
		Path path = Path
			.of(System.getProperty("tributary.dataset", "../shared/datasets/vader-tweets/tweets_GroundTruth.txt"));
		if (!Files.isRegularFile(path)) {
			System.err.println("No dataset at " + path.toAbsolutePath() + ": scoring the written texts instead");
			return SampleTexts.TEXTS.toArray(String[]::new);
		}
		List<AccuracyBenchmark.Rated> rated = AccuracyBenchmark.read(path);
		return rated.stream().map(AccuracyBenchmark.Rated::text).toArray(String[]::new);
	}

	@Benchmark
	public SentimentScore score() {
		String text = this.texts[this.next];
		this.next = (this.next + 1 == this.texts.length) ? 0 : this.next + 1;
		return this.scorer.apply(text);
	}

}
