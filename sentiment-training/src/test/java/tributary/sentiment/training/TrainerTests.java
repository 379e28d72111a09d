package tributary.sentiment.training;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tributary.sentiment.engine.SentimentEngine;
import tributary.sentiment.engine.SentimentLabel;
import tributary.sentiment.engine.SentimentScore;
import tributary.sentiment.model.FeatureVector;
import tributary.sentiment.model.LinearModel;
import tributary.sentiment.model.SentimentModel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The trainer on a slice of the real training data: small enough to train in seconds,
 * large enough that every class and thousands of features take part.
 */
class TrainerTests {

	static final Trainer.Settings SETTINGS = Trainer.SETTINGS;

	static Trainer trainer;

	static Trainer.Data data;

	static List<Tweet> slice;

	@BeforeAll
	static void loadData() throws IOException {
		Linear.disableDebugOutput();
		trainer = new Trainer(Path.of("data"), new PrintStream(OutputStream.nullOutputStream()));
		data = trainer.load();
		slice = data.without(Trainer.SELECTION, Trainer.REPORT).subList(0, 4000);
	}

	@Test
	void readsEveryDistinctTweetOnce() {
		assertThat(data.tweets()).hasSize(45_997);
		assertThat(data.tweets().stream().map(Tweet::id).distinct().count()).isEqualTo(45_997);
	}

	@Test
	void readsEachFileAsItsReadmeCountsIt() throws IOException {
		List<Tweet> test = Tweets.read(Path.of("data/twitter-2016test-A.txt.gz"));
		assertThat(test).hasSize(20_632);
		assertThat(test.stream().filter((tweet) -> tweet.label() == SentimentLabel.NEGATIVE)).hasSize(3_231);
		assertThat(test).noneMatch((tweet) -> tweet.text().isEmpty() || tweet.text().endsWith("\t"));
		assertThat(Tweets.read(Path.of("data/twitter-2013train-A.txt.gz"))).hasSize(9_684);
	}

	@Test
	void undoesTheEscapesOfThe2013Files() {
		assertThat(data.tweets()).noneMatch((tweet) -> tweet.text().contains("\\u2019"));
		assertThat(Tweets.unescape("I\\u2019m here\\u002c now")).isEqualTo("I’m here, now");
	}

	@Test
	void heldOutTweetsAreNeverTrainedOn() {
		List<Tweet> train = data.without(Trainer.SELECTION, Trainer.REPORT);
		Set<String> heldOut = new java.util.HashSet<>();
		data.only(Trainer.SELECTION).forEach((tweet) -> heldOut.add(tweet.id()));
		data.only(Trainer.REPORT).forEach((tweet) -> heldOut.add(tweet.id()));
		assertThat(train).noneMatch((tweet) -> heldOut.contains(tweet.id()));
	}

	@Test
	void inferenceGivesLiblinearsPredictionsOnTheHeldOutSplit() {
		Trainer.Training training = trainer.train(slice, SETTINGS, new double[3]);
		SentimentModel ours = SentimentModel.of(training.model(), SentimentEngine.create(), "test");
		FeatureVector vector = new FeatureVector();
		double[] decisions = new double[3];
		int compared = 0;
		for (Tweet tweet : data.only(Trainer.SELECTION)) {
			double[] theirs = new double[3];
			double[] probabilities = new double[3];
			double sum = 0;
			for (int c = 0; c < 3; c++) {
				Model model = training.liblinear()[c];
				double[] values = new double[1];
				Linear.predictValues(model, trainer.nodes(tweet.text(), training.ratios()[c]), values);
				// liblinear's decision value is for its first label; ours is for the
				// class.
				theirs[c] = (model.getLabels()[0] == 1) ? values[0] : -values[0];
				probabilities[c] = 1 / (1 + Math.exp(-theirs[c]));
				sum += probabilities[c];
			}
			ours.features().extract(tweet.text(), vector);
			ours.decisionValues(vector, decisions);
			SentimentScore score = ours.score(tweet.text());
			assertThat(decisions).as(tweet.text()).containsExactly(theirs, within(1e-4));
			assertThat(score.positive()).as(tweet.text()).isCloseTo(probabilities[0] / sum, within(1e-5));
			assertThat(score.neutral()).as(tweet.text()).isCloseTo(probabilities[1] / sum, within(1e-5));
			assertThat(score.negative()).as(tweet.text()).isCloseTo(probabilities[2] / sum, within(1e-5));
			int best = 0;
			for (int c = 1; c < 3; c++) {
				if (theirs[c] > theirs[best]) {
					best = c;
				}
			}
			if (Math.abs(theirs[best] - second(theirs, best)) > 1e-4) {
				assertThat(Trainer.classOf(score.label())).as(tweet.text()).isEqualTo(best);
			}
			compared++;
		}
		assertThat(compared).isEqualTo(3990);
	}

	private static double second(double[] values, int best) {
		double second = Double.NEGATIVE_INFINITY;
		for (int c = 0; c < values.length; c++) {
			if (c != best) {
				second = Math.max(second, values[c]);
			}
		}
		return second;
	}

	@Test
	void sameDataAndSettingsGiveTheSameBytes() throws IOException {
		List<Tweet> small = slice.subList(0, 1500);
		assertThat(bytes(trainer.fit(small, SETTINGS, new double[3])))
			.isEqualTo(bytes(trainer.fit(small, SETTINGS, new double[3])));
	}

	private static byte[] bytes(LinearModel model) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		model.write(out);
		return out.toByteArray();
	}

}
