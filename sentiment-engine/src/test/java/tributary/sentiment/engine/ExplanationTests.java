package tributary.sentiment.engine;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import tributary.sentiment.engine.Explanation.Contribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * The rules engine's explanations: the valences it names are the ones it summed, after
 * the rules changed them.
 */
class ExplanationTests {

	private static final SentimentEngine engine = SentimentEngine.create();

	@ParameterizedTest
	@ValueSource(strings = { "I love these headphones!", "The food was not good, but the service was great.",
			"Worst. Support. Ever. 😡", "is it any good??", "sooo GOOD 🔥 #blessed", "no problems at all :)",
			"The train leaves at seven.", "" })
	void givesTheScoreThatScoringGives(String text) {
		assertThat(engine.explain(text, 10).score()).isEqualTo(engine.score(text));
	}

	@ParameterizedTest
	@ValueSource(strings = { "I love these headphones!", "The food was not good, but the service was great.",
			"Worst. Support. Ever. 😡", "is it any good??", "sooo GOOD 🔥 #blessed", "no problems at all :)",
			"bad bad bad good" })
	void namesEveryValenceThatMakesTheCompoundScore(String text) {
		Explanation explanation = engine.explain(text, Integer.MAX_VALUE);
		double sum = explanation.contributions().stream().mapToDouble(Contribution::weight).sum();
		assertThat(sum / Math.sqrt(sum * sum + SentimentEngine.NORMALIZATION_ALPHA))
			.isCloseTo(explanation.score().compound(), within(1e-9));
	}

	@Test
	void weighsWordsAfterTheRulesChangedThem() {
		List<Contribution> contributions = engine.explain("The food was not good, but the service was great.", 10)
			.contributions();
		// "great" (3.1) after "but" counts ×1.5; "good" (1.9) is negated (×−0.74)
		// and before "but" (×0.5).
		assertThat(contributions).extracting(Contribution::feature).containsExactly("great", "not good");
		assertThat(contributions.get(0).weight()).isCloseTo(3.1 * 1.5, within(1e-6));
		assertThat(contributions.get(1).weight()).isCloseTo(1.9 * -0.74 * 0.5, within(1e-6));
	}

	@Test
	void namesEmphasisOfPunctuationInTheDirectionOfTheText() {
		List<Contribution> contributions = engine.explain("This is bad!!", 10).contributions();
		assertThat(contributions).extracting(Contribution::feature).containsExactly("bad", "!");
		assertThat(contributions.get(1).weight()).isCloseTo(-2 * SentimentEngine.EXCLAMATION_EMPHASIS, within(1e-9));
	}

	@Test
	void sumsARepeatedWordIntoOneContribution() {
		Explanation explanation = engine.explain("good ".repeat(10_000), 10);
		assertThat(explanation.contributions()).hasSize(1);
		assertThat(explanation.contributions().get(0).feature()).isEqualTo("good");
		assertThat(explanation.contributions().get(0).weight()).isCloseTo(1.9 * 10_000, within(1e-3));
		assertThat(explanation.score().label()).isEqualTo(SentimentLabel.POSITIVE);
	}

	@Test
	void namesEmojiAndEmoticonsAsWritten() {
		assertThat(engine.explain("Worst support ever 😡 :(", 10).contributions()).extracting(Contribution::feature)
			.contains("worst", "😡", ":(");
	}

	@Test
	void keepsTheLargestFirstUpToTheLimit() {
		Explanation explanation = engine.explain("good great excellent bad awful okay", 3);
		assertThat(explanation.contributions()).hasSize(3);
		assertThat(explanation.contributions()).extracting((each) -> Math.abs(each.weight()))
			.isSortedAccordingTo((a, b) -> Double.compare(b, a));
		assertThat(engine.explain("good great", 0).contributions()).isEmpty();
	}

	@Test
	void namesNothingInTextWithoutSentiment() {
		assertThat(engine.explain("The train leaves at seven from platform two!", 10).contributions()).isEmpty();
		assertThat(engine.explain("", 10).contributions()).isEmpty();
	}

	@Test
	void rejectsANegativeLimit() {
		assertThatIllegalArgumentException().isThrownBy(() -> engine.explain("good", -1));
	}

}
