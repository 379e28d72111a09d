package tributary.sentiment.api;

import tributary.sentiment.engine.SentimentEngine;
import tributary.sentiment.engine.SentimentScorer;
import tributary.sentiment.system.SentimentProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** Odd text through the API, scored by the rules engine. */
@Import(RulesOddTextTests.Rules.class)
class RulesOddTextTests extends OddTextContract {

	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SentimentProperties.class)
	static class Rules {

		@Bean
		SentimentScorer sentimentScorer() {
			return SentimentEngine.create();
		}

	}

}
