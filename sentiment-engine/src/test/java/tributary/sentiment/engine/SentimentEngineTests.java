package tributary.sentiment.engine;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.within;

/**
 * The engine's contract: ranges, proportions, labels, determinism. Rules are in
 * {@link ScoringRulesTests}.
 */
class SentimentEngineTests {

	private static final SentimentEngine engine = SentimentEngine.create();

	@Test
	void scoresPositiveTextPositive() {
		SentimentScore score = engine.score("VADER is smart, handsome, and funny.");
		assertThat(score.compound()).isGreaterThan(0.5);
		assertThat(score.label()).isEqualTo(SentimentLabel.POSITIVE);
		assertThat(score.positive()).isGreaterThan(score.negative());
	}

	@Test
	void scoresNegativeTextNegative() {
		SentimentScore score = engine.score("This is a horrible, sad day.");
		assertThat(score.label()).isEqualTo(SentimentLabel.NEGATIVE);
		assertThat(score.negative()).isGreaterThan(score.positive());
	}

	@Test
	void scoresTextWithoutSentimentNeutral() {
		SentimentScore score = engine.score("The train leaves at seven from platform two.");
		assertThat(score).isEqualTo(new SentimentScore(0, 0, 1, 0));
		assertThat(score.label()).isEqualTo(SentimentLabel.NEUTRAL);
	}

	@Test
	void scoresEmptyTextNeutral() {
		assertThat(engine.score("")).isEqualTo(new SentimentScore(0, 0, 1, 0));
		assertThat(engine.score(" \t\n ")).isEqualTo(new SentimentScore(0, 0, 1, 0));
		assertThat(engine.score("...!?")).isEqualTo(new SentimentScore(0, 0, 1, 0));
	}

	@Test
	void rejectsNullText() {
		assertThatNullPointerException().isThrownBy(() -> engine.score(null));
	}

	@Test
	void usesVadersValenceForASingleWord() {
		// "good" is +1.9 in the VADER lexicon; 1.9 / sqrt(1.9² + 15) =
		// 0.4404, VADER's published score.
		assertThat(engine.score("good").compound()).isCloseTo(0.4404, within(0.00005));
		assertThat(engine.score("good").positive()).isEqualTo(1.0);
	}

	@Test
	void proportionsAreSharesOfSentimentAndNeutralWords() {
		SentimentScore score = engine.score("Great food but the service was terribly slow and rude!");
		assertThat(score.positive() + score.neutral() + score.negative()).isCloseTo(1.0, within(1e-9));
		assertThat(score.positive()).isPositive();
		assertThat(score.neutral()).isPositive();
		assertThat(score.negative()).isPositive();
	}

	@Test
	void compoundStaysWithinBoundsForExtremeText() {
		String rave = "BEST BEST BEST amazing wonderful perfect love love love 😍😍😍🔥🔥🔥!!!!!!!!".repeat(50);
		String rant = "WORST WORST horrible awful disgusting hate hate hate 😡😡😡🤮🤮!!!!!!!!".repeat(50);
		assertThat(engine.score(rave).compound()).isBetween(0.99, 1.0);
		assertThat(engine.score(rant).compound()).isBetween(-1.0, -0.99);
	}

	@Test
	void labelsUseTheNeutralBand() {
		assertThat(SentimentLabel.of(0.05)).isEqualTo(SentimentLabel.POSITIVE);
		assertThat(SentimentLabel.of(0.0499)).isEqualTo(SentimentLabel.NEUTRAL);
		assertThat(SentimentLabel.of(-0.0499)).isEqualTo(SentimentLabel.NEUTRAL);
		assertThat(SentimentLabel.of(-0.05)).isEqualTo(SentimentLabel.NEGATIVE);
	}

	@Test
	void givesTheSameScoreEveryTime() {
		List<String> texts = List.of("not bad at all :)", "UGH, the worst 😭😭", "sooo gooood #blessed");
		for (String text : texts) {
			SentimentScore first = engine.score(text);
			assertThat(engine.score(text)).isEqualTo(first);
			assertThat(SentimentEngine.create().score(text)).isEqualTo(first);
		}
	}

	@Test
	void scoresVeryLongTextAndKeepsWorking() {
		String longText = "good and bad and fine ".repeat(20_000);
		assertThat(engine.score(longText).compound()).isBetween(-1.0, 1.0);
		assertThat(engine.score("good").compound()).isCloseTo(0.4404, within(0.00005));
	}

	@Test
	void namesItsVersion() {
		assertThat(engine.version()).isEqualTo(SentimentEngine.VERSION).startsWith("tributary-sentiment/");
	}

}
