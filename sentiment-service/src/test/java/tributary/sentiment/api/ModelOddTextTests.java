package tributary.sentiment.api;

import tributary.sentiment.engine.SentimentScorer;
import tributary.sentiment.model.SentimentModel;
import tributary.sentiment.system.SentimentProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** Odd text through the API, scored by the built-in model. */
@Import(ModelOddTextTests.Model.class)
class ModelOddTextTests extends OddTextContract {

	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SentimentProperties.class)
	static class Model {

		@Bean
		SentimentScorer sentimentScorer() {
			return SentimentModel.loadDefault();
		}

	}

}
