package tributary.sentiment.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SentimentEngineTests {

	private static final SentimentEngine engine = SentimentEngine.create();

	private static double compound(String text) {
		return engine.score(text).compound();
	}

	@Test
	void scoresPositiveTextPositive() {
		SentimentScore score = engine.score("VADER is smart, handsome, and funny.");
		assertThat(score.compound()).isGreaterThan(0.5);
		assertThat(score.label()).isEqualTo(SentimentLabel.POSITIVE);
		assertThat(score.positive()).isGreaterThan(score.negative());
	}

	@Test
	void scoresNegativeTextNegative() {
		assertThat(engine.score("This is a horrible, sad day.").label()).isEqualTo(SentimentLabel.NEGATIVE);
	}

	@Test
	void scoresTextWithoutSentimentNeutral() {
		SentimentScore score = engine.score("The train leaves at seven from platform two.");
		assertThat(score.compound()).isZero();
		assertThat(score.neutral()).isEqualTo(1.0);
		assertThat(score.label()).isEqualTo(SentimentLabel.NEUTRAL);
	}

	@Test
	void scoresEmptyTextNeutral() {
		assertThat(engine.score("")).isEqualTo(new SentimentScore(0, 0, 1, 0));
		assertThat(engine.score("   ")).isEqualTo(new SentimentScore(0, 0, 1, 0));
	}

	@Test
	void proportionsAddUpToOne() {
		SentimentScore score = engine.score("Great food but the service was terribly slow!");
		assertThat(score.positive() + score.neutral() + score.negative()).isCloseTo(1.0, within(1e-9));
	}

	@Test
	void negationFlipsSentiment() {
		assertThat(compound("The food is good")).isPositive();
		assertThat(compound("The food is not good")).isNegative();
		assertThat(compound("The food isn't good")).isNegative();
	}

}
