package tributary.sentiment.system;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;
import tributary.sentiment.engine.SentimentEngine;
import tributary.sentiment.engine.SentimentScorer;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Choosing the scorer is configuration: one {@link SentimentScorer} bean, the one
 * {@code tributary.sentiment.engine} names, and a value it does not know stops the
 * service at startup with a message that says what is allowed.
 */
class EngineConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class, EngineConfiguration.class);

	@Test
	void scoresWithTheRulesEngineWhenConfigured() {
		this.runner.withPropertyValues("tributary.sentiment.engine=rules").run((context) -> {
			assertThat(context).hasSingleBean(SentimentScorer.class);
			assertThat(context.getBean(SentimentScorer.class)).isInstanceOf(SentimentEngine.class);
		});
	}

	@Test
	void acceptsTheEngineInAnyCase() {
		this.runner.withPropertyValues("tributary.sentiment.engine=RULES")
			.run((context) -> assertThat(context.getBean(SentimentScorer.class)).isInstanceOf(SentimentEngine.class));
	}

	@Test
	void refusesToStartWithAnUnknownEngine() {
		this.runner.withPropertyValues("tributary.sentiment.engine=bayes").run((context) -> {
			assertThat(context).hasFailed();
			// Boot's failure analysis prints the property, the value and the valid values
			// from this exception.
			Throwable failure = context.getStartupFailure();
			while (failure != null && !(failure instanceof BindException)) {
				failure = failure.getCause();
			}
			assertThat(failure).isInstanceOf(BindException.class)
				.hasMessageContaining("'tributary.sentiment.engine'")
				.rootCause()
				.hasMessageContaining("bayes");
		});
	}

	@Test
	void refusesAModelPathForTheRulesEngine() {
		this.runner.withPropertyValues("tributary.sentiment.engine=rules", "tributary.sentiment.model-path=/tmp/m.bin")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("tributary.sentiment.model-path is set")
					.hasMessageContaining("engine is rules");
			});
	}

	@Test
	void namesTheScorerInAnInfoGaugeOfOne() {
		this.runner.withPropertyValues("tributary.sentiment.engine=rules").run((context) -> {
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBeansOfType(MeterBinder.class).values().forEach((binder) -> binder.bindTo(registry));
			assertThat(registry.get("tributary.sentiment.engine.info")
				.tag("engine", "rules")
				.tag("version", SentimentEngine.VERSION)
				.gauge()
				.value()).isEqualTo(1);
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SentimentProperties.class)
	static class Properties {

	}

}
