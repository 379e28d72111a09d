package tributary.sentiment.stream;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tributary.testsupport.contracts.ContractSchemas;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits {@link Post} puts on the fields it reads are the social_media schema's: for
 * each such field, a post with the field missing, null, of another type, at and just past
 * each bound is read exactly when the schema accepts it, so that a bound changed in the
 * schema or in {@link Post} alone fails this test.
 *
 * <p>
 * The fields Post does not read ({@code lang}, {@code hashtags}) are not checked here by
 * design, and a missing {@code ingestedAt} is taken from posts that other clients wrote
 * straight to the topic.
 */
class PostBoundsTests {

	private static final Set<String> READ = Set.of("id", "platform", "author", "text", "createdAt", "location",
			"productId");

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	private final Deserializer<Post> deserializer = StreamConfiguration.postDeserializer(this.jsonMapper);

	@Test
	void readsExactlyThePostsTheSchemaAcceptsInEveryFieldItReads() {
		assertThat(disagreements(schemaText())).isEmpty();
	}

	@Test
	void aBoundMovedInTheSchemaAloneMakesThePostAndTheSchemaDisagree() {
		List<Moved> moves = List.of(new Moved("author", "maxLength", 129), new Moved("text", "maxLength", 9_999),
				new Moved("id", "minLength", 2));
		for (Moved moved : moves) {
			ObjectNode schema = (ObjectNode) this.jsonMapper.readTree(schemaText());
			((ObjectNode) schema.get("properties").get(moved.field())).put(moved.keyword(), moved.value());
			assertThat(disagreements(schema.toString())).as(moved.toString()).isNotEmpty();
		}
	}

	private List<String> disagreements(String schemaText) {
		JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
			.getSchema(schemaText, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
		JsonNode properties = this.jsonMapper.readTree(schemaText).get("properties");
		ObjectNode example = (ObjectNode) this.jsonMapper.readTree(ContractSchemas.examples("social_media")
			.stream()
			.filter((candidate) -> candidate.name().endsWith("-full.json"))
			.findFirst()
			.orElseThrow()
			.json());
		List<String> disagreements = new ArrayList<>();
		for (String name : READ) {
			for (ObjectNode variant : variants(example, name, properties.get(name))) {
				String json = variant.toString();
				boolean valid = schema.validate(json, InputFormat.JSON).isEmpty();
				boolean read = this.deserializer.deserialize("social_media", new RecordHeaders(),
						json.getBytes(StandardCharsets.UTF_8)) != null;
				if (read != valid) {
					disagreements.add(name + ": " + json + " read=" + read + " schema=" + valid);
				}
			}
		}
		return disagreements;
	}

	private static List<ObjectNode> variants(ObjectNode example, String name, JsonNode rules) {
		List<JsonNode> values = new ArrayList<>(List.of(nodes.nullNode(), nodes.booleanNode(true), nodes.numberNode(3),
				nodes.stringNode("not-a-" + name), nodes.stringNode("")));
		if (rules.has("maxLength")) {
			int max = rules.get("maxLength").intValue();
			values.addAll(List.of(nodes.stringNode("é".repeat(max)), nodes.stringNode("é".repeat(max + 1)),
					nodes.stringNode("a".repeat(max)), nodes.stringNode("a".repeat(max + 1))));
		}
		if (rules.has("minLength")) {
			int min = rules.get("minLength").intValue();
			values.addAll(List.of(nodes.stringNode("a".repeat(min)), nodes.stringNode("a".repeat(min - 1))));
		}
		if ("date-time".equals(rules.path("format").asString())) {
			values.addAll(List.of(nodes.stringNode("2026-11-20T09:15:00.123+02:00"),
					nodes.stringNode("2026-13-20T09:15:00Z")));
		}
		List<ObjectNode> variants = new ArrayList<>();
		ObjectNode without = example.deepCopy();
		without.remove(name);
		variants.add(without);
		for (JsonNode value : values) {
			ObjectNode variant = example.deepCopy();
			variant.set(name, value);
			variants.add(variant);
		}
		return variants;
	}

	private static String schemaText() {
		try (var in = PostBoundsTests.class.getResourceAsStream("/contracts/social_media.schema.json")) {
			assertThat(in).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private record Moved(String field, String keyword, int value) {
	}

}
