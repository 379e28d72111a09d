package tributary.testsupport.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The topics' JSON Schemas and examples from {@code contracts/}, on the classpath under
 * {@code contracts/} as the pom puts them there.
 */
public final class ContractSchemas {

	private static final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

	// Formats (date-time) are asserted: an instant that is not ISO-8601 breaks consumers.
	private static final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
		.formatAssertionsEnabled(true)
		.build();

	private ContractSchemas() {
	}

	/**
	 * The schema of a topic's record values.
	 * @param topic e.g. {@code customer_sentiment}
	 * @return the schema, ready to validate
	 */
	public static JsonSchema of(String topic) {
		try (InputStream in = ContractSchemas.class.getResourceAsStream("/contracts/" + topic + ".schema.json")) {
			assertThat(in).as("contracts/%s.schema.json on the classpath", topic).isNotNull();
			return factory.getSchema(in, config);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Asserts that a JSON document satisfies a topic's schema.
	 * @param topic e.g. {@code customer_sentiment}
	 * @param json the record value
	 */
	public static void assertValid(String topic, String json) {
		Set<ValidationMessage> problems = of(topic).validate(json, InputFormat.JSON);
		assertThat(problems).as("%s against the %s schema", json, topic).isEmpty();
	}

	/**
	 * The examples of a topic, each as its file and text.
	 * @param topic e.g. {@code social_media}
	 * @return at least one example
	 */
	public static List<Example> examples(String topic) {
		URL folder = ContractSchemas.class.getResource("/contracts/examples/" + topic);
		assertThat(folder).as("contracts/examples/%s on the classpath", topic).isNotNull();
		try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
			List<Example> examples = files.filter((file) -> file.toString().endsWith(".json"))
				.sorted()
				.map(ContractSchemas::read)
				.toList();
			assertThat(examples).as("examples of %s", topic).isNotEmpty();
			return examples;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Example read(Path file) {
		try {
			return new Example(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * One example document.
	 *
	 * @param name its file name
	 * @param json its text
	 */
	public record Example(String name, String json) {

		@Override
		public String toString() {
			return this.name;
		}

	}

}
