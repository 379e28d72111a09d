package tributary.sentiment.api;

import java.util.List;

import tools.jackson.databind.JsonNode;
import tributary.sentiment.engine.SentimentEngine;
import tributary.sentiment.system.SentimentProperties;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Scores texts on request, for users trying the engine and for evaluation tools. */
@RestController
@RequestMapping("/api/v1/sentiment")
class ScoreController {

	private final SentimentEngine engine;

	private final SentimentProperties.Api limits;

	ScoreController(SentimentEngine engine, SentimentProperties properties) {
		this.engine = engine;
		this.limits = properties.api();
	}

	/**
	 * Scores one text or a batch.
	 * @param body {@code {"text": "..."}} or an array of them
	 * @return one result, or an array of results in the order of the texts
	 */
	@PostMapping(path = "/score", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Object score(@RequestBody JsonNode body) {
		ScoreRequest request = ScoreRequest.read(body, this.limits);
		if (request instanceof ScoreRequest.Batch batch) {
			return scoreAll(batch.texts());
		}
		return score(((ScoreRequest.One) request).text());
	}

	private List<SentimentResult> scoreAll(List<String> texts) {
		return texts.stream().map(this::score).toList();
	}

	private SentimentResult score(String text) {
		return SentimentResult.of(this.engine.score(text));
	}

}
