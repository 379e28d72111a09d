package tributary.sentiment.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class LexiconTests {

	private static final Lexicon lexicon = Lexicon.load();

	@Test
	void loadsTheVaderLexiconUnpackedAtBuildTime() {
		assertThat(lexicon.size()).isGreaterThan(7_500);
		assertThat(lexicon.valence(lexicon.find("good"))).isEqualTo(1.9f);
		assertThat(lexicon.valence(lexicon.find("horrible"))).isEqualTo(-2.5f);
		assertThat(lexicon.valence(lexicon.find(":)"))).isEqualTo(2.0f);
	}

	@Test
	void keepsTheLastOfADuplicatedKeyAsTheReferenceReadingDoes() {
		assertThat(lexicon.valence(lexicon.find("lol"))).isEqualTo(1.8f);
	}

	@Test
	void letsOurAdditionsOverrideAndExtendIt() {
		assertThat(lexicon.valence(lexicon.find("badass"))).isEqualTo(1.5f);
		assertThat(lexicon.valence(lexicon.find("lit"))).isEqualTo(2.0f);
		assertThat(lexicon.valence(lexicon.find("D:"))).isEqualTo(-2.9f);
		assertThat(lexicon.hasValence(lexicon.find("🔥"))).isTrue();
	}

	@Test
	void knowsPhrasesByTheirWords() {
		int phrase = lexicon.find("the bomb");
		assertThat(lexicon.phraseParts(phrase)).containsExactly(lexicon.find("the"), lexicon.find("bomb"));
		assertThat(lexicon.phrasesStartingWith(lexicon.find("the"))).contains(phrase);
		assertThat(lexicon.find("break leg")).as("single letters are dropped as by the tokenizer").isNotNegative();
	}

	@Test
	void knowsModifiers() {
		assertThat(lexicon.booster(lexicon.find("very"))).isEqualTo(0.293f);
		assertThat(lexicon.booster(lexicon.find("kind of"))).isEqualTo(-0.293f);
		assertThat(lexicon.is(lexicon.find("never"), Lexicon.NEGATION)).isTrue();
		assertThat(lexicon.is(lexicon.find("but"), Lexicon.CONTRAST)).isTrue();
	}

	@Test
	void findsKeysInsideALargerBuffer() {
		char[] buffer = "xxgoodxx".toCharArray();
		assertThat(lexicon.find(buffer, 2, 4)).isEqualTo(lexicon.find("good"));
		assertThat(lexicon.find(buffer, 2, 3)).isEqualTo(Lexicon.UNKNOWN);
	}

	@Test
	void rejectsAnAdditionWithoutAReason() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new Lexicon.Builder().readValences("test-addition-without-reason.tsv", false))
			.withMessageContaining("test-addition-without-reason.tsv:2");
	}

	@Test
	void rejectsAValenceOutOfScale() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new Lexicon.Builder().readValences("test-addition-out-of-scale.tsv", false))
			.withMessageContaining("out of");
	}

	@Test
	void rejectsAnEmojiFileEntryThatIsNoEmoji() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new Lexicon.Builder().readValences("test-emoji-not-emoji.tsv", true))
			.withMessageContaining("not an emoji");
	}

	@Test
	void failsClearlyWhenAResourceIsMissing() {
		assertThatIllegalStateException().isThrownBy(() -> new Lexicon.Builder().readVader("missing.txt"))
			.withMessageContaining("missing.txt");
	}

}
