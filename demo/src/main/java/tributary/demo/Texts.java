package tributary.demo;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the demo's people write, by subject and tone. Each text is written so that the
 * sentiment engine gives it the tone it is filed under ({@code TextsTests} checks every
 * one with the engine); {@code {city}} and {@code {product}} are filled in.
 */
final class Texts {

	/** The tone a text is meant to have, as the engine labels it. */
	enum Tone {

		POSITIVE, NEUTRAL, NEGATIVE

	}

	static final Map<Tone, List<String>> WEATHER = Map.of(Tone.POSITIVE,
			List.of("Lovely sunny afternoon in {city}, perfect weather for a walk!",
					"What a beautiful day in {city}, enjoying every minute",
					"Gorgeous weather in {city} today, so happy to be outside",
					"Great evening by the river in {city}, the weather is wonderful"),
			Tone.NEUTRAL,
			List.of("Weather update for {city}: overcast this morning.",
					"Cloudy in {city} right now, wind from the west.",
					"Checking the forecast for {city} before the trip.", "Showers expected in {city} later this week."),
			Tone.NEGATIVE,
			List.of("This weather in {city} is awful, grey and miserable again",
					"Terrible wind and rain in {city} today, hate it",
					"Stuck inside, the weather in {city} is horrible"));

	/** What people write about a city in a heat spike. */
	static final List<String> HEAT = List.of("This heat in {city} is unbearable, awful day",
			"Terrible heat in {city}, I hate this, can't sleep",
			"Miserable and exhausted, {city} is way too hot, this is horrible",
			"Heat stroke warning in {city}, scary and dangerous out there", "The heat in {city} is killing me, awful");

	static final Map<Tone, List<String>> PRODUCT = Map.of(Tone.POSITIVE,
			List.of("Really love my new {product}, great sound!", "The {product} is excellent, highly recommend",
					"Best purchase this year: the {product}, amazing quality",
					"So happy with the {product}, works perfectly"),
			Tone.NEUTRAL,
			List.of("Just ordered the {product}, arriving Tuesday.", "Does the {product} come in black?",
					"Comparing the {product} with the older model."),
			Tone.NEGATIVE,
			List.of("The {product} broke after a week, terrible quality",
					"Very disappointed with the {product}, awful support",
					"Worst purchase ever, the {product} is useless"));

	/** Feedback comments by rating, 1 to 5. */
	static final List<List<String>> COMMENTS = List.of(
			List.of("Broken on arrival, terrible.", "Awful quality, I want a refund."),
			List.of("Disappointing, it stopped working twice.", "Poor sound and a weak battery."),
			List.of("It does the job.", "Delivered on Monday, average overall."),
			List.of("Good value, happy with it.", "Nice design and good sound."),
			List.of("Excellent, love it!", "Perfect, best purchase this year."));

	private Texts() {
	}

	static String fill(String template, String city, String product) {
		return template.replace("{city}", city).replace("{product}", product);
	}

	/** The texts of a tone; every map here has all three tones. */
	static List<String> of(Map<Tone, List<String>> texts, Tone tone) {
		return Objects.requireNonNull(texts.get(tone), () -> "no texts of tone " + tone);
	}

}
