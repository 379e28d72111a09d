package tributary.sentiment.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tributary.sentiment.engine.Explanation;
import tributary.sentiment.engine.Explanation.Contribution;
import tributary.sentiment.engine.SentimentLabel;
import tributary.sentiment.engine.SentimentScore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class SentimentModelTests {

	static final SentimentModel MODEL = SentimentModel.loadDefault();

	@Test
	void versionNamesTheModelAndTheFile() throws Exception {
		byte[] file = resource();
		String hash = java.util.HexFormat.of()
			.formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(file))
			.substring(0, 12);
		assertThat(MODEL.version()).isEqualTo("tributary-model/1+sha256:" + hash);
	}

	@Test
	void labelsClearTextsAsPeopleWould() {
		assertThat(MODEL.score("I love this phone, best purchase ever!").label()).isEqualTo(SentimentLabel.POSITIVE);
		assertThat(MODEL.score("worst service ever, never again. so angry").label()).isEqualTo(SentimentLabel.NEGATIVE);
		assertThat(MODEL.score("The meeting is on Tuesday at 3pm in room 4").label()).isEqualTo(SentimentLabel.NEUTRAL);
	}

	@Test
	void probabilitiesAddUpAndCompoundIsTheirDifference() {
		SentimentScore score = MODEL.score("not bad at all, quite good actually");
		assertThat(score.positive() + score.neutral() + score.negative()).isCloseTo(1, within(1e-9));
		assertThat(score.compound()).isCloseTo(score.positive() - score.negative(), within(1e-9));
		double best = Math.max(score.positive(), Math.max(score.neutral(), score.negative()));
		double ofLabel = switch (score.label()) {
			case POSITIVE -> score.positive();
			case NEUTRAL -> score.neutral();
			case NEGATIVE -> score.negative();
		};
		assertThat(ofLabel).isEqualTo(best);
	}

	@Test
	void negationTurnsTheScore() {
		assertThat(MODEL.score("this is not good").compound()).isLessThan(MODEL.score("this is good").compound());
	}

	@Test
	void sameTextSameScoreAcrossInstancesAndThreads() throws Exception {
		List<String> texts = List.of("meh", "Sooo happy today :) #blessed", "@bob why would you do that?! 😡",
				"http://t.co/x new album out now");
		SentimentModel other = SentimentModel.load(writeResource());
		for (String text : texts) {
			SentimentScore first = MODEL.score(text);
			assertThat(MODEL.score(text)).isEqualTo(first);
			assertThat(other.score(text)).isEqualTo(first);
			SentimentScore[] fromThread = new SentimentScore[1];
			Thread thread = new Thread(() -> fromThread[0] = MODEL.score(text));
			thread.start();
			thread.join();
			assertThat(fromThread[0]).isEqualTo(first);
		}
	}

	@Test
	void explanationNamesTheFeaturesThatPushedMost() {
		Explanation explanation = MODEL.explain("I hate mondays, this is terrible", 5);
		assertThat(explanation.score()).isEqualTo(MODEL.score("I hate mondays, this is terrible"));
		assertThat(explanation.contributions()).hasSize(5);
		List<Double> sizes = explanation.contributions().stream().map((c) -> Math.abs(c.weight())).toList();
		assertThat(sizes).isSortedAccordingTo((a, b) -> Double.compare(b, a));
		assertThat(explanation.contributions()).extracting(Contribution::feature)
			.anyMatch(
					(feature) -> feature.equals("hate") || feature.equals("terrible") || feature.startsWith("rules:"));
		assertThat(explanation.contributions().get(0).weight()).isNegative();
	}

	@Test
	void explanationOfNegationNamesTheNegatedWordOrTheBigram() {
		Explanation explanation = MODEL.explain("not happy", 20);
		assertThat(explanation.contributions()).extracting(Contribution::feature)
			.contains("not happy", "happy [negated]", "char:' not '");
	}

	@Test
	void explanationOfEmptyTextHasOnlyTheDenseFeatures() {
		Explanation explanation = MODEL.explain("", 3);
		assertThat(explanation.score()).isEqualTo(MODEL.score(""));
		assertThat(explanation.contributions())
			.allMatch((c) -> c.feature().startsWith("rules:") || c.feature().startsWith("share of"));
	}

	@Test
	void oddInputGetsAScoreQuickly() {
		String hundredKilobytes = "the quick brown fox is happy today 😀 ".repeat(100_000 / 38);
		List<String> texts = List.of("", " ", "\uD83D", "\uDE00 lone low", "a\uD83Db", "😀😀😀", "🇩🇪👩‍💻",
				"Это очень хорошо", "这是非常好的", "مرحبا بالعالم", "good ".repeat(10_000), hundredKilobytes,
				"\u0000\u0001\t\n", "&amp;&lt;3&gt;&quot;", "#", "@", "!!!???", "'''", "n't");
		assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
			for (String text : texts) {
				SentimentScore score = MODEL.score(text);
				assertThat(score.positive() + score.neutral() + score.negative()).as(text).isCloseTo(1, within(1e-9));
				assertThat(MODEL.explain(text, 3).score()).isEqualTo(score);
			}
		});
		assertThat(MODEL.score("good ".repeat(10_000)).label()).isEqualTo(SentimentLabel.POSITIVE);
	}

	@Test
	void missingFileIsAnErrorNamingIt(@TempDir Path dir) {
		Path missing = dir.resolve("no-such-model.bin");
		assertThatExceptionOfType(ModelUnreadable.class).isThrownBy(() -> SentimentModel.load(missing))
			.withMessageContaining(missing.toString())
			.withMessageContaining("does not exist");
	}

	@Test
	void corruptFileIsAnErrorNamingIt(@TempDir Path dir) throws IOException {
		byte[] file = resource();
		file[file.length / 2] ^= 1;
		Path corrupt = dir.resolve("corrupt.bin");
		Files.write(corrupt, file);
		assertThatExceptionOfType(ModelUnreadable.class).isThrownBy(() -> SentimentModel.load(corrupt))
			.withMessageContaining(corrupt.toString())
			.withMessageContaining("checksum");
	}

	@Test
	void truncatedOrForeignFileIsAnErrorNamingIt(@TempDir Path dir) throws IOException {
		Path truncated = dir.resolve("truncated.bin");
		Files.write(truncated, java.util.Arrays.copyOf(resource(), 1000));
		assertThatExceptionOfType(ModelUnreadable.class).isThrownBy(() -> SentimentModel.load(truncated))
			.withMessageContaining(truncated.toString());
		Path tiny = dir.resolve("tiny.bin");
		Files.write(tiny, new byte[] { 1, 2, 3 });
		assertThatExceptionOfType(ModelUnreadable.class).isThrownBy(() -> SentimentModel.load(tiny))
			.withMessageContaining(tiny.toString());
	}

	@Test
	void writingTheLoadedModelGivesTheSameBytes() throws IOException {
		byte[] file = resource();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		LinearModel.read(file, "resource").write(out);
		assertThat(out.toByteArray()).isEqualTo(file);
	}

	static byte[] resource() throws IOException {
		try (var in = SentimentModel.class.getResourceAsStream(SentimentModel.DEFAULT_RESOURCE)) {
			assertThat(in).isNotNull();
			return in.readAllBytes();
		}
	}

	private static Path writeResource() throws IOException {
		Path file = Files.createTempFile("model", ".bin");
		file.toFile().deleteOnExit();
		Files.write(file, resource());
		return file;
	}

}
