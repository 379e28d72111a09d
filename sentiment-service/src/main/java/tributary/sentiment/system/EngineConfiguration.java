package tributary.sentiment.system;

import java.nio.file.Path;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.sentiment.engine.SentimentEngine;
import tributary.sentiment.engine.SentimentScorer;
import tributary.sentiment.model.SentimentModel;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One scorer for the whole service, the one {@code tributary.sentiment.engine} names: it
 * is thread-safe and loads its lexicons or model once, at startup, so that a missing or
 * corrupt model stops the service before it takes a post (the model's
 * {@code ModelUnreadable} names the file).
 */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EngineConfiguration.class);

	@Bean
	SentimentScorer sentimentScorer(SentimentProperties properties) {
		long start = System.nanoTime();
		SentimentScorer scorer = switch (properties.engine()) {
			case MODEL -> {
				Path file = properties.modelPath();
				yield (file != null) ? SentimentModel.load(file) : SentimentModel.loadDefault();
			}
			case RULES -> SentimentEngine.create();
		};
		log.info("Scoring with the {} engine {}, loaded in {} ms", properties.engine().key(), scorer.version(),
				(System.nanoTime() - start) / 1_000_000);
		return scorer;
	}

	/**
	 * {@code tributary_sentiment_engine_info{engine, version} 1}: which scorer produced
	 * the scores a dashboard shows, the way {@code *_info} metrics name a build.
	 */
	@Bean
	MeterBinder sentimentEngineInfo(SentimentScorer scorer, SentimentProperties properties) {
		return (registry) -> Gauge.builder("tributary.sentiment.engine.info", () -> 1)
			.description("The scorer in use: engine (model or rules) and its exact version")
			.tag("engine", properties.engine().key())
			.tag("version", scorer.version())
			.register(registry);
	}

}
