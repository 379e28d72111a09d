package tributary.sentiment.api;

import org.junit.jupiter.api.Test;
import tributary.sentiment.engine.Explanation;

import static org.assertj.core.api.Assertions.assertThat;

/** How a scorer's explanation is shaped for the answer. */
class SentimentResultTests {

	@Test
	void replacesLoneSurrogatesInAFeatureSoThatTheAnswerCanBeWritten() {
		assertThat(feature("char:'\ud83d a'")).isEqualTo("char:'\uFFFD a'");
		assertThat(feature("\ude00\ud800")).isEqualTo("\uFFFD\uFFFD");
		assertThat(feature("x\ud83d")).isEqualTo("x\uFFFD");
	}

	@Test
	void keepsWellFormedFeaturesAsTheyAre() {
		assertThat(feature("not good")).isEqualTo("not good");
		assertThat(feature("😡 \ud83d\ude00")).isEqualTo("😡 😀");
		assertThat(feature("")).isEmpty();
	}

	private static String feature(String feature) {
		return SentimentResult.Contribution.of(new Explanation.Contribution(feature, 1)).feature();
	}

}
