package tributary.sentiment.system;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tributary.sentiment.engine.SentimentEngine;
import tributary.sentiment.engine.SentimentScorer;
import tributary.sentiment.model.ModelUnreadable;
import tributary.sentiment.model.SentimentModel;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
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
	void scoresWithTheBuiltInModelByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(SentimentScorer.class);
			SentimentScorer scorer = context.getBean(SentimentScorer.class);
			assertThat(scorer).isInstanceOf(SentimentModel.class);
			assertThat(scorer.version()).isEqualTo(SentimentModel.loadDefault().version())
				.startsWith("tributary-model/");
		});
	}

	@Test
	void loadsTheModelFileConfigured(@TempDir Path directory) throws IOException {
		Path file = directory.resolve("model.bin");
		try (InputStream in = SentimentModel.class.getResourceAsStream(SentimentModel.DEFAULT_RESOURCE)) {
			Files.copy(in, file);
		}
		this.runner.withPropertyValues("tributary.sentiment.engine=model", "tributary.sentiment.model-path=" + file)
			.run((context) -> assertThat(context.getBean(SentimentScorer.class).version())
				.isEqualTo(SentimentModel.load(file).version()));
	}

	@Test
	void refusesToStartWithAMissingModelFileNamingIt(@TempDir Path directory) {
		Path file = directory.resolve("nowhere.bin");
		this.runner.withPropertyValues("tributary.sentiment.model-path=" + file).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(causeOf(context.getStartupFailure(), ModelUnreadable.class))
				.hasMessageContaining(file.toString());
		});
	}

	@Test
	void reportsAnUnreadableModelWithWhatToDo(@TempDir Path directory) {
		Path file = directory.resolve("nowhere.bin");
		this.runner.withPropertyValues("tributary.sentiment.model-path=" + file).run((context) -> {
			FailureAnalysis analysis = new ModelUnreadableFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains(file.toString()).contains("does not exist");
			assertThat(analysis.getAction()).contains("tributary.sentiment.model-path")
				.contains("tributary.sentiment.engine=rules");
		});
	}

	@Test
	void refusesToStartWithACorruptModelFileNamingIt(@TempDir Path directory) throws IOException {
		Path file = directory.resolve("corrupt.bin");
		byte[] model;
		try (InputStream in = SentimentModel.class.getResourceAsStream(SentimentModel.DEFAULT_RESOURCE)) {
			model = in.readAllBytes();
		}
		model[model.length / 2] ^= 0x5A;
		Files.write(file, model);
		this.runner.withPropertyValues("tributary.sentiment.model-path=" + file).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(causeOf(context.getStartupFailure(), ModelUnreadable.class))
				.hasMessageContaining(file.toString());
		});
	}

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
			assertThat(causeOf(context.getStartupFailure(), BindException.class))
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
	void namesTheModelInAnInfoGaugeOfOne() {
		this.runner.run((context) -> {
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBeansOfType(MeterBinder.class).values().forEach((binder) -> binder.bindTo(registry));
			assertThat(registry.get("tributary.sentiment.engine.info")
				.tag("engine", "model")
				.tag("version", context.getBean(SentimentScorer.class).version())
				.gauge()
				.value()).isEqualTo(1);
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

	/** The first exception of a type in a chain of causes, which must have one. */
	private static Throwable causeOf(Throwable failure, Class<? extends Throwable> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return cause;
			}
		}
		throw new AssertionError("No " + type.getSimpleName() + " among the causes of " + failure, failure);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SentimentProperties.class)
	static class Properties {

	}

}
