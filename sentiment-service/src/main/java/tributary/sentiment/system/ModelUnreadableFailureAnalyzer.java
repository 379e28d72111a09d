package tributary.sentiment.system;

import tributary.sentiment.model.ModelUnreadable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a model that cannot be loaded into Boot's "APPLICATION FAILED TO START" report:
 * what is wrong with which file and what to do, instead of a page of bean-creation
 * causes.
 */
class ModelUnreadableFailureAnalyzer extends AbstractFailureAnalyzer<ModelUnreadable> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ModelUnreadable cause) {
		return new FailureAnalysis("The sentiment model cannot be loaded: " + cause.getMessage(),
				"Point tributary.sentiment.model-path (TRIBUTARY_SENTIMENT_MODEL_PATH) at a model file that "
						+ "sentiment-training wrote, remove it to use the model built into the jar, or score with "
						+ "the rules engine (tributary.sentiment.engine=rules).",
				cause);
	}

}
