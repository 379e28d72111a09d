package tributary.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tributary.demo.DemoStream.City;
import tributary.demo.DemoStream.Product;
import tributary.demo.Texts.Tone;
import tributary.sentiment.engine.SentimentEngine;
import tributary.sentiment.engine.SentimentLabel;
import tributary.sentiment.engine.SentimentScorer;
import tributary.sentiment.model.SentimentModel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every text the demo posts gets, from each scorer sentiment-service can score with, the
 * tone it is filed under, whatever city or product it names: the demo's sentiment follows
 * the weather and the products because the engine reads it so.
 */
class TextsTests {

	/**
	 * Both scorers sentiment-service can be configured with: the demo tells its story
	 * with either.
	 */
	static final List<SentimentScorer> scorers = List.of(SentimentModel.loadDefault(), SentimentEngine.create());

	@Test
	void everyTextHasItsToneForEveryCityAndProduct() {
		List<String> wrong = new ArrayList<>();
		for (Map.Entry<Tone, List<String>> texts : Texts.WEATHER.entrySet()) {
			check(texts.getValue(), texts.getKey(), wrong);
		}
		for (Map.Entry<Tone, List<String>> texts : Texts.PRODUCT.entrySet()) {
			check(texts.getValue(), texts.getKey(), wrong);
		}
		check(Texts.HEAT, Tone.NEGATIVE, wrong);
		assertThat(wrong).isEmpty();
	}

	@Test
	void everyToneHasTexts() {
		assertThat(Texts.WEATHER).containsOnlyKeys(Tone.values())
			.allSatisfy((tone, texts) -> assertThat(texts).isNotEmpty());
		assertThat(Texts.PRODUCT).containsOnlyKeys(Tone.values())
			.allSatisfy((tone, texts) -> assertThat(texts).isNotEmpty());
		assertThat(Texts.COMMENTS).hasSize(5);
	}

	private static void check(List<String> templates, Tone tone, List<String> wrong) {
		for (String template : templates) {
			for (City city : DemoStream.CITIES) {
				for (Product product : DemoStream.PRODUCTS) {
					String text = Texts.fill(template, city.name(), product.label());
					for (SentimentScorer scorer : scorers) {
						SentimentLabel label = scorer.score(text).label();
						if (!label.name().equals(tone.name())) {
							wrong.add(tone + " but " + label + " from " + scorer.version() + " ("
									+ scorer.score(text).compound() + "): " + text);
						}
					}
				}
			}
		}
	}

}
