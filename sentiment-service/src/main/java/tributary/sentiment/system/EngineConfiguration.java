package tributary.sentiment.system;

import tributary.sentiment.engine.SentimentEngine;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One engine for the whole service: it is thread-safe and loads its lexicons once. */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

	@Bean
	SentimentEngine sentimentEngine() {
		return SentimentEngine.create();
	}

}
