package tributary.sentiment.api;

import java.io.IOException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tributary.sentiment.engine.SentimentScorer;
import tributary.sentiment.system.SentimentProperties;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Scores texts on request, for users trying the engine and for evaluation tools. */
@RestController
@RequestMapping("/api/v1/sentiment")
class ScoreController {

	/** How many features an explanation names: enough to see why, few enough to read. */
	static final int EXPLAIN_LIMIT = 10;

	private final SentimentScorer scorer;

	private final SentimentProperties.Api limits;

	private final JsonMapper mapper;

	ScoreController(SentimentScorer scorer, SentimentProperties properties, JsonMapper mapper) {
		this.scorer = scorer;
		this.limits = properties.api();
		this.mapper = mapper;
	}

	/**
	 * Scores one text or a batch.
	 * @param http the request, whose body is {@code {"text": "..."}} or an array of them;
	 * read here, within {@code tributary.sentiment.api.max-body-size}, rather than bound,
	 * so that an oversized body is refused before it is all read
	 * @param explain whether each result names the features that pushed it most; a query
	 * parameter rather than a body field, so that both body shapes (one text, an array)
	 * ask for it the same way and the body stays the contract's text
	 * @return one result, or an array of results in the order of the texts
	 * @throws IOException if the body cannot be read
	 */
	@Operation(summary = "Score the sentiment of one text or a batch",
			description = "Send {\"text\": \"...\"} for one result, or an array of such objects (at most "
					+ "tributary.sentiment.api.max-batch-size, 1,000 by default) for an array of results in the "
					+ "same order. compound is in [-1, 1]. With the model (the default engine) label is the most "
					+ "probable class, positive/neutral/negative are the class probabilities and compound is "
					+ "P(positive) - P(negative); with the rules engine label is positive at compound 0.05 and "
					+ "above, negative at -0.05 and below, neutral in between. engineVersion names the scorer. "
					+ "With explain=true each result adds explanation: the " + EXPLAIN_LIMIT
					+ " features that pushed the decision most, with their signed weights.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(oneOf = { TextToScore.class, TextToScore[].class }))))
	@ApiResponse(responseCode = "200", description = "The result, or the results in the order of the texts",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(oneOf = { SentimentResult.class, SentimentResult[].class })))
	@ApiResponse(responseCode = "400",
			description = "Not JSON, a text missing, not a string or too long (errors names each field, "
					+ "e.g. [3].text), or explain neither true nor false",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "401", description = "No valid API key in the X-API-Key header",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "413",
			description = "A body larger than tributary.sentiment.api.max-body-size (1 MB by default; maxBytes "
					+ "gives it) or more texts than one request may carry",
			content = @Content(mediaType = "application/problem+json"))
	@ApiResponse(responseCode = "415", description = "The body is not application/json",
			content = @Content(mediaType = "application/problem+json"))
	@SecurityRequirement(name = ApiDocumentation.API_KEY)
	@PostMapping(path = "/score", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Object score(HttpServletRequest http, @Parameter(
			description = "Add to each result the features that pushed its decision most (explanation)") @RequestParam(
					defaultValue = "false") boolean explain)
			throws IOException {
		ScoreRequest request = ScoreRequest.read(json(LimitedBody.read(http, this.limits.maxBodySize())), this.limits);
		if (request instanceof ScoreRequest.Batch batch) {
			return batch.texts().stream().map((text) -> score(text, explain)).toList();
		}
		return score(((ScoreRequest.One) request).text(), explain);
	}

	private JsonNode json(byte[] body) {
		if (isBlank(body)) {
			throw new UnreadableBody("The request has no body");
		}
		try {
			return this.mapper.readTree(body);
		}
		catch (JacksonException ex) {
			throw new UnreadableBody("The body is not valid JSON: " + firstLine(ex.getOriginalMessage()));
		}
	}

	private static boolean isBlank(byte[] body) {
		for (byte b : body) {
			if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
				return false;
			}
		}
		return true;
	}

	private static String firstLine(String message) {
		int end = message.indexOf('\n');
		return (end < 0) ? message : message.substring(0, end);
	}

	private SentimentResult score(String text, boolean explain) {
		if (explain) {
			return SentimentResult.of(this.scorer.explain(text, EXPLAIN_LIMIT), this.scorer.version());
		}
		return SentimentResult.of(this.scorer.score(text), this.scorer.version());
	}

}
