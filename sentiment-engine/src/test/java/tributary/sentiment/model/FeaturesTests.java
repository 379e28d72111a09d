package tributary.sentiment.model;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tributary.sentiment.engine.SentimentEngine;

import static org.assertj.core.api.Assertions.assertThat;

class FeaturesTests {

	static final Features FEATURES = new Features(20, SentimentEngine.create());

	private static Map<Integer, String> names(String text) {
		FeatureVector vector = new FeatureVector();
		Map<Integer, String> names = new HashMap<>();
		FEATURES.extract(text, vector, names);
		return names;
	}

	@Test
	void indicesAscendOnceEachWithinTheDimension() {
		FeatureVector vector = new FeatureVector();
		FEATURES.extract("Sooo GOOD!!! not bad at all :) 😀 http://t.co/x @bob #win 2024", vector);
		assertThat(vector.size()).isGreaterThan(20);
		for (int i = 0; i < vector.size(); i++) {
			assertThat(vector.index(i)).isBetween(0, FEATURES.dimension() - 1);
			if (i > 0) {
				assertThat(vector.index(i)).isGreaterThan(vector.index(i - 1));
			}
		}
	}

	@Test
	void tokensAreFoldedTweetAware() {
		assertThat(names("@bob http://t.co/x 2024 GOOOOD :-) 😀 #win").values()).contains("<user>", "<url>", "<num>",
				"good", ":-)", "😀", "win");
		assertThat(names("Don’t").values()).contains("dont");
	}

	@Test
	void negationMarksTheRestOfTheClause() {
		assertThat(names("I don't like it, but fine").values()).contains("like [negated]", "it [negated]", "but",
				"fine", "dont like");
		assertThat(names("never happy").values()).contains("happy [negated]").doesNotContain("happy");
	}

	@Test
	void characterGramsSpanTheFoldedWords() {
		assertThat(names("Good").values()).contains("char:' go'", "char:'good'", "char:'ood '", "char:' good'");
	}

	@Test
	void denseFeaturesCarryTheRulesEngineAndTheWriting() {
		FeatureVector vector = new FeatureVector();
		FEATURES.extract("GREAT stuff, sooo good", vector);
		assertThat(vector.index(0)).isZero();
		assertThat(vector.value(0)).as("rules:compound").isPositive();
		assertThat(vector.index(5)).isEqualTo(5);
		assertThat(vector.value(5)).as("share of words in capitals").isEqualTo(1f / 4);
		assertThat(vector.value(6)).as("share of lengthened words").isEqualTo(1f / 4);
	}

	@Test
	void lexiconFeaturesReadTheValenceOfEachWordNegationFlipped() {
		FeatureVector vector = new FeatureVector();
		FEATURES.extract("good but not great", vector);
		assertThat(vector.value(7)).as("lexicon:positive sum").isPositive();
		assertThat(vector.value(8)).as("lexicon:negative sum").isPositive();
		assertThat(vector.value(11)).as("lexicon:last sentiment word, negated").isNegative();
		FEATURES.extract("the table", vector);
		for (int i = 7; i <= 11; i++) {
			assertThat(vector.value(i)).as(Features.DENSE_NAMES[i]).isZero();
		}
	}

	@Test
	void wordAndCharacterGroupsHaveUnitLength() {
		FeatureVector vector = new FeatureVector();
		FEATURES.extract("a fairly ordinary sentence", vector);
		double sum = 0;
		for (int i = Features.denseCount(); i < vector.size(); i++) {
			sum += (double) vector.value(i) * vector.value(i);
		}
		// Two groups of unit length; a shared bucket would only add a little.
		assertThat(sum).isBetween(1.95, 2.2);
	}

	@Test
	void extractingTwiceGivesTheSameVector() {
		FeatureVector first = new FeatureVector();
		FeatureVector second = new FeatureVector();
		FEATURES.extract("What a day!! 😂😂 can't believe it", first);
		FEATURES.extract("something else entirely", second);
		FEATURES.extract("What a day!! 😂😂 can't believe it", second);
		assertThat(second.size()).isEqualTo(first.size());
		for (int i = 0; i < first.size(); i++) {
			assertThat(second.index(i)).isEqualTo(first.index(i));
			assertThat(second.value(i)).isEqualTo(first.value(i));
		}
	}

}
