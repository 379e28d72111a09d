package tributary.ingest.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The topics' JSON Schemas as the service ships them (from {@code contracts/} on the
 * class path), with formats asserted, so that {@code date-time} is checked too.
 */
public final class Contracts {

	private static final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

	private static final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
		.formatAssertionsEnabled(true)
		.build();

	private static final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

	private Contracts() {
	}

	/**
	 * Validates a record value against its topic's schema.
	 * @param contract the schema's name, e.g. {@code social_media}
	 * @param json the record value
	 * @return what is wrong with it; empty if it is valid
	 */
	public static List<String> violations(String contract, String json) {
		JsonSchema schema = schemas.computeIfAbsent(contract, Contracts::load);
		return schema.validate(json, InputFormat.JSON).stream().map(ValidationMessage::getMessage).toList();
	}

	private static JsonSchema load(String contract) {
		try (InputStream in = Contracts.class.getResourceAsStream("/contracts/" + contract + ".schema.json")) {
			if (in == null) {
				throw new IllegalStateException("No schema for " + contract + " on the class path");
			}
			return factory.getSchema(in, config);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
