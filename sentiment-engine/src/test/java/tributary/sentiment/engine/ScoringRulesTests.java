package tributary.sentiment.engine;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** One group per rule, each with hand-written examples. */
class ScoringRulesTests {

	private static final SentimentEngine engine = SentimentEngine.create();

	private static double compound(String text) {
		return engine.score(text).compound();
	}

	private static SentimentLabel label(String text) {
		return engine.score(text).label();
	}

	@Nested
	class Negation {

		@ParameterizedTest
		@ValueSource(strings = { "The food is not good", "The food isn't good", "The food isnt good",
				"The food isn’t good", "The food was never good", "We left without a good meal",
				"Nothing good about it", "Nobody likes the new menu", "I don't think it's good" })
		void flipsTheSentimentOfWhatFollows(String text) {
			assertThat(compound(text)).isNegative();
		}

		@Test
		void weakensAsWellAsFlips() {
			// VADER's −0.74: "not good" is negative, but less so than "good" is positive.
			assertThat(compound("not good")).isNegative().isGreaterThan(-compound("good"));
		}

		@Test
		void reachesThreeWordsBackButNoFurther() {
			assertThat(compound("It is not at all good")).isNegative();
			assertThat(compound("not one person here would call it good")).isPositive();
		}

		@Test
		void stopsAtTheEndOfAClause() {
			assertThat(compound("I did not sleep. Good morning")).isPositive();
			assertThat(compound("No, great idea")).isGreaterThan(compound("No great idea"));
		}

		@Test
		void appliesOnlyToTheNextSentimentWord() {
			// Each "don't" negates its own "care"; two negations do not cancel out.
			assertThat(compound("don't care don't care don't care")).isNegative();
		}

		@Test
		void treatsNoBeforeASentimentWordAsNegation() {
			assertThat(compound("no problems at all")).isPositive();
			assertThat(compound("no good")).isNegative();
			assertThat(compound("No.")).isNegative();
		}

		@Test
		void readsNeverSoAsPraise() {
			assertThat(compound("never so good")).isGreaterThan(compound("so good"));
		}

		@Test
		void readsWithoutADoubtAsCertainty() {
			assertThat(compound("without a doubt the best")).isCloseTo(compound("the best"), within(1e-9));
		}

		@Test
		void negatesAfterLeastUnlessAtLeast() {
			assertThat(compound("the least happy person")).isNegative();
			assertThat(compound("at least happy")).isPositive();
		}

	}

	@Nested
	class DegreeWords {

		@Test
		void intensifyAndDampen() {
			assertThat(compound("very good")).isGreaterThan(compound("good"));
			assertThat(compound("extremely bad")).isLessThan(compound("bad"));
			assertThat(compound("kinda good")).isLessThan(compound("good")).isPositive();
			assertThat(compound("barely good")).isLessThan(compound("good"));
			assertThat(compound("slightly bad")).isGreaterThan(compound("bad")).isNegative();
		}

		@Test
		void countLessFurtherAway() {
			assertThat(compound("very much good")).isLessThan(compound("very good")).isGreaterThan(compound("good"));
		}

		@Test
		void intensifyWhenTheyAreAlsoSentimentWordsRightBeforeOne() {
			assertThat(compound("damn good")).isGreaterThan(compound("good"));
			assertThat(compound("damn")).isNegative();
			assertThat(compound("super happy")).isGreaterThan(compound("happy"));
		}

		@Test
		void includeSlangHedges() {
			assertThat(compound("lowkey good")).isLessThan(compound("good")).isPositive();
			assertThat(compound("highkey good")).isGreaterThan(compound("good"));
		}

	}

	@Nested
	class Capitals {

		@Test
		void emphasiseAWordWhenTheRestIsNotInCapitals() {
			assertThat(compound("The movie was GREAT tonight")).isGreaterThan(compound("The movie was great tonight"));
			assertThat(compound("The movie was AWFUL tonight")).isLessThan(compound("The movie was awful tonight"));
			assertThat(compound("The movie was VERY good")).isGreaterThan(compound("The movie was very good"));
		}

		@Test
		void doNotEmphasiseWhenEverythingIsInCapitals() {
			assertThat(compound("THE MOVIE WAS GREAT")).isEqualTo(compound("the movie was great"));
		}

	}

	@Nested
	class Punctuation {

		@Test
		void exclamationMarksAddEmphasisUpToFour() {
			assertThat(compound("good!")).isGreaterThan(compound("good"));
			assertThat(compound("good!!!!")).isGreaterThan(compound("good!!"));
			assertThat(compound("good!!!!!!!!")).isEqualTo(compound("good!!!!"));
			assertThat(compound("bad!!")).isLessThan(compound("bad"));
		}

		@Test
		void questionMarksAddEmphasis() {
			assertThat(compound("is it bad??")).isLessThan(compound("is it bad?"));
			assertThat(compound("is it bad????")).isLessThan(compound("is it bad??"));
		}

		@Test
		void questionsAssertLessThanStatements() {
			assertThat(compound("Is the hotel good?")).isLessThan(compound("The hotel is good.")).isPositive();
		}

		@Test
		void stripsPunctuationAroundWords() {
			assertThat(compound("(good),")).isEqualTo(compound("good"));
			assertThat(compound("\"good\"")).isEqualTo(compound("good"));
		}

	}

	@Nested
	class Contrast {

		@Test
		void butShiftsWeightToTheSecondClause() {
			assertThat(compound("The food was great but the service was bad")).isNegative();
			assertThat(compound("The service was bad but the food was great")).isPositive();
		}

	}

	@Nested
	class Phrases {

		@Test
		void idiomsCountAsAWhole() {
			assertThat(compound("this phone is the bomb")).isPositive();
			assertThat(compound("they found a bomb")).isNegative();
			assertThat(compound("that review was the kiss of death")).isNegative();
			assertThat(compound("break a leg tonight")).isPositive();
			assertThat(compound("feeling under the weather")).isNegative();
			assertThat(compound("she is killing it")).isPositive();
			assertThat(compound("the killing was reported")).isNegative();
		}

		@Test
		void kindOfDampensRatherThanPraises() {
			assertThat(compound("it was kind of good")).isLessThan(compound("it was good")).isPositive();
			assertThat(compound("she is kind")).isPositive();
		}

		@Test
		void noCapIsNotANegation() {
			assertThat(compound("no cap this is good")).isEqualTo(compound("this is good"));
		}

		@Test
		void doNotJoinAcrossPunctuation() {
			assertThat(compound("pick the. bomb squad arrived")).isNegative();
		}

	}

	@Nested
	class Lengthening {

		@Test
		void findsTheDictionaryFormAndAddsEmphasis() {
			assertThat(compound("gooood")).isGreaterThan(compound("good"));
			assertThat(compound("sooo good")).isGreaterThan(compound("so good"));
			assertThat(compound("baaaad")).isLessThan(compound("bad"));
			assertThat(compound("loooove it")).isPositive();
			assertThat(compound("yesssss")).isPositive();
		}

		@Test
		void readsDrawnOutLaughter() {
			assertThat(compound("hahahahaha")).isPositive();
			assertThat(compound("ahahah")).isPositive();
			assertThat(compound("lolol")).isPositive();
			assertThat(compound("lmaooooo")).isPositive();
		}

	}

	@Nested
	class Hashtags {

		@Test
		void scoreTheirWords() {
			assertThat(compound("new phone #fail")).isNegative();
			assertThat(compound("family dinner #blessed")).isPositive();
			assertThat(compound("new phone #EpicFail")).isNegative();
			assertThat(compound("#SoHappy today")).isPositive();
		}

	}

	@Nested
	class Emoticons {

		@Test
		void areReadWhole() {
			assertThat(compound("see you tomorrow :)")).isPositive();
			assertThat(compound("see you tomorrow :(")).isNegative();
			assertThat(compound("see you tomorrow :-)")).isPositive();
			assertThat(compound("see you tomorrow <3")).isPositive();
			assertThat(compound("see you tomorrow :D")).isPositive();
			assertThat(compound("see you tomorrow D:")).isNegative();
		}

		@Test
		void survivePunctuationAndHtmlEscaping() {
			assertThat(compound("see you tomorrow :).")).isEqualTo(compound("see you tomorrow :)"));
			assertThat(compound("see you tomorrow &lt;3")).isEqualTo(compound("see you tomorrow <3"));
			assertThat(compound("fish &amp; chips")).isZero();
		}

	}

	@Nested
	class Emoji {

		@ParameterizedTest
		@ValueSource(strings = { "new album 🔥", "new album 💯", "new album 😂", "new album 💀", "new album 😍",
				"new album 🙌", "new album 👍🏽", "new album ❤️", "new album 🐐" })
		void readPositiveBySocialMeaning(String text) {
			assertThat(label(text)).isEqualTo(SentimentLabel.POSITIVE);
		}

		@ParameterizedTest
		@ValueSource(strings = { "new album 😡", "new album 🙄", "new album 💔", "new album 🤮", "new album 👎",
				"new album 🤡", "new album 😒" })
		void readNegativeBySocialMeaning(String text) {
			assertThat(label(text)).isEqualTo(SentimentLabel.NEGATIVE);
		}

		@Test
		void laughterIsNotReadAsDeathOrTears() {
			assertThat(compound("this meme 💀💀")).isPositive();
			assertThat(compound("this meme 😂😂")).isGreaterThan(compound("this meme 😂"));
		}

		@Test
		void ignoreSkinTonesAndPresentationSelectors() {
			assertThat(compound("👍🏿")).isEqualTo(compound("👍"));
			assertThat(compound("❤️")).isEqualTo(compound("❤"));
		}

		@Test
		void areSplitFromTheWordsTheyTouch() {
			assertThat(compound("great🔥")).isGreaterThan(compound("great"));
			assertThat(compound("ok👎👎")).isNegative();
		}

		@Test
		void unknownEmojiAreNeutralWords() {
			assertThat(compound("🚗")).isZero();
			assertThat(engine.score("good 🚗").neutral()).isPositive();
			assertThat(compound("🇫🇷")).isZero();
		}

		@Test
		void joinedEmojiFallBackToTheirFirstPart() {
			assertThat(compound("🤦‍♀️")).isEqualTo(compound("🤦"));
		}

	}

	@Nested
	class Slang {

		@Test
		void knowsCommonSocialMediaWords() {
			assertThat(compound("that party was lit")).isPositive();
			assertThat(compound("this song slaps")).isPositive();
			assertThat(compound("the sequel was mid")).isNegative();
			assertThat(compound("fml")).isNegative();
			assertThat(compound("ily")).isPositive();
			assertThat(compound("this is so fire")).isPositive();
			assertThat(compound("the house fire")).isNegative();
		}

		@Test
		void ignoresLinksAndMentions() {
			assertThat(compound("read http://awful.example.com/terrible now")).isZero();
			assertThat(compound("thanks @happy_guy")).isEqualTo(compound("thanks"));
		}

	}

}
