package tributary.sentiment.api;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tributary.sentiment.system.SentimentProperties;

/**
 * The body of a score request: one {@code {"text": "..."}} or an array of them.
 *
 * <p>
 * Read from the JSON tree by hand rather than bound to an annotated record: the body has
 * two shapes, the limits are configuration rather than constants, and an error must name
 * the element of a batch it is in ({@code [3].text}).
 */
sealed interface ScoreRequest {

	/**
	 * Reads and checks a request body.
	 * @param body the parsed JSON
	 * @param limits the configured limits
	 * @return the texts to score
	 * @throws PayloadTooLarge if a batch has more texts than allowed
	 * @throws InvalidScoreRequest if anything else is wrong
	 */
	static ScoreRequest read(JsonNode body, SentimentProperties.Api limits) {
		List<FieldProblem> problems = new ArrayList<>();
		if (body.isArray()) {
			if (body.size() > limits.maxBatchSize()) {
				throw new PayloadTooLarge(body.size(), limits.maxBatchSize());
			}
			List<String> texts = new ArrayList<>(body.size());
			for (int i = 0; i < body.size(); i++) {
				texts.add(text(body.get(i), "[" + i + "]", limits, problems));
			}
			return valid(new Batch(texts), problems);
		}
		return valid(new One(text(body, "", limits, problems)), problems);
	}

	private static ScoreRequest valid(ScoreRequest request, List<FieldProblem> problems) {
		if (!problems.isEmpty()) {
			throw new InvalidScoreRequest(problems);
		}
		return request;
	}

	private static String text(JsonNode node, String path, SentimentProperties.Api limits,
			List<FieldProblem> problems) {
		String field = path.isEmpty() ? "text" : path + ".text";
		if (!node.isObject()) {
			problems.add(new FieldProblem(path,
					path.isEmpty() ? "The body must be an object with a text, or an array of such objects"
							: "must be an object with a text"));
			return "";
		}
		JsonNode text = node.get("text");
		if (text == null || text.isNull()) {
			problems.add(new FieldProblem(field, "is required"));
			return "";
		}
		if (!text.isString()) {
			problems.add(new FieldProblem(field, "must be a string"));
			return "";
		}
		String value = text.stringValue();
		if (value.length() > limits.maxTextLength()) {
			problems.add(new FieldProblem(field,
					"has " + value.length() + " characters, more than the " + limits.maxTextLength() + " allowed"));
		}
		return value;
	}

	/**
	 * A single text, answered with a single result.
	 *
	 * @param text the text
	 */
	record One(String text) implements ScoreRequest {

	}

	/**
	 * A batch of texts, answered with their results in the same order.
	 *
	 * @param texts the texts
	 */
	record Batch(List<String> texts) implements ScoreRequest {

		public Batch {
			texts = List.copyOf(texts);
		}

	}

}
