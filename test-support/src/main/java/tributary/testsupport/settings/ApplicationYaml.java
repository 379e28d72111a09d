package tributary.testsupport.settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The {@code application.yml} on the test's class path (the service's own), with the
 * given environment variables in front of it and nothing of this machine's environment or
 * system properties. The variables are bound as the operating system's environment is, so
 * both a placeholder such as {@code ${TRIBUTARY_SENTIMENT_FETCH_MAX_WAIT}} and Boot's
 * relaxed names such as {@code SPRING_KAFKA_PRODUCER_COMPRESSIONTYPE} take effect.
 */
public final class ApplicationYaml {

	private ApplicationYaml() {
	}

	/**
	 * The {@code spring.kafka} properties the file and the variables give.
	 * @param environment the environment variables to bind in front of the file
	 * @return the bound properties, from which the clients' configuration is built
	 */
	public static KafkaProperties kafka(Map<String, Object> environment) {
		return binder(environment).bindOrCreate("spring.kafka", KafkaProperties.class);
	}

	/**
	 * The configuration Boot gives the service's producers, from the file and the
	 * variables.
	 * @param environment the environment variables to bind in front of the file
	 * @return the producers' configuration
	 */
	public static Map<String, Object> producer(Map<String, Object> environment) {
		return kafka(environment).buildProducerProperties();
	}

	/**
	 * The configuration Boot gives the service's consumers, from the file and the
	 * variables.
	 * @param environment the environment variables to bind in front of the file
	 * @return the consumers' configuration
	 */
	public static Map<String, Object> consumer(Map<String, Object> environment) {
		return kafka(environment).buildConsumerProperties();
	}

	/**
	 * A binder over the file and the variables.
	 * @param environment the environment variables to bind in front of the file
	 * @return the binder
	 */
	public static Binder binder(Map<String, Object> environment) {
		StandardEnvironment env = new StandardEnvironment();
		env.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		env.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		// This name is what makes Boot map SPRING_KAFKA_... to spring.kafka....
		env.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					environment));
		try {
			for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yml",
					new ClassPathResource("application.yml"))) {
				env.getPropertySources().addLast(source);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read application.yml from the class path", ex);
		}
		return Binder.get(env);
	}

}
