package tributary.warehouse.events;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The contract tests: the warehouse reads every example in {@code contracts/examples/},
 * keeps it field for field, and accepts exactly what the topic's JSON Schema accepts.
 */
class EventReaderTests {

	private static final Map<String, EventKind> TOPICS = Map.of("social_media", EventKind.POST, "weather_data",
			EventKind.READING, "customer_feedback", EventKind.FEEDBACK, "customer_sentiment", EventKind.SENTIMENT,
			"weather_alerts", EventKind.ALERT);

	private static final ObjectMapper jackson2 = new ObjectMapper();

	private final EventReader reader = new EventReader();

	static Stream<Arguments> examples() throws IOException {
		Resource[] resources = new PathMatchingResourcePatternResolver()
			.getResources("classpath:contracts/examples/*/*.json");
		List<Arguments> examples = new ArrayList<>();
		for (Resource resource : resources) {
			String topic = java.nio.file.Path.of(resource.getURI().getPath()).getParent().getFileName().toString();
			examples.add(Arguments.of(topic, resource.getFilename(),
					new String(resource.getContentAsByteArray(), StandardCharsets.UTF_8)));
		}
		return examples.stream();
	}

	@Test
	void everyTopicHasExamples() throws IOException {
		assertThat(examples().map((arguments) -> (String) arguments.get()[0]).distinct())
			.containsExactlyInAnyOrderElementsOf(TOPICS.keySet());
	}

	@ParameterizedTest(name = "{0}/{1}")
	@MethodSource("examples")
	void readsEveryContractExampleAndKeepsEveryField(String topic, String name, String example) throws IOException {
		ReceivedEvent received = this.reader.read(TOPICS.get(topic), example.getBytes(StandardCharsets.UTF_8));
		JsonNode expected = jackson2.readTree(example);
		assertThat(received.event().id()).isEqualTo(expected.get("id").asText());
		assertThat(jackson2.readTree(received.document().toJson())).isEqualTo(expected);
		assertThat(schema(topic).validate(expected)).as("the example itself is valid").isEmpty();
	}

	@ParameterizedTest(name = "{0}/{1}")
	@MethodSource("examples")
	void acceptsExactlyWhatTheSchemaAccepts(String topic, String name, String example) throws IOException {
		JsonNode schema = jackson2.readTree(schemaText(topic));
		assertThat(disagreements(topic, schema, (ObjectNode) jackson2.readTree(example))).isEmpty();
	}

	/**
	 * The reader's limits are the schema's, not a copy that may drift: a bound moved in
	 * the schema alone (here the author's length, a reading's temperature, the number of
	 * hashtags) makes the reader and the schema disagree, which fails the test above.
	 */
	@ParameterizedTest(name = "{0}.{1}.{2} = {3}")
	@MethodSource("movedBounds")
	void aBoundMovedInTheSchemaAloneMakesTheReaderDisagree(String topic, String field, String keyword, int value)
			throws IOException {
		ObjectNode schema = (ObjectNode) jackson2.readTree(schemaText(topic));
		JsonNode rules = schema.get("properties").get(field);
		((ObjectNode) (keyword.equals("items.maxLength") ? rules.get("items") : rules))
			.put(keyword.replace("items.", ""), value);
		ObjectNode example = (ObjectNode) jackson2.readTree(examples().map(Arguments::get)
			.filter((arguments) -> arguments[0].equals(topic) && ((String) arguments[1]).endsWith("-full.json"))
			.map((arguments) -> (String) arguments[2])
			.findFirst()
			.orElseThrow());
		assertThat(disagreements(topic, schema, example)).isNotEmpty();
	}

	static Stream<Arguments> movedBounds() {
		return Stream.of(Arguments.of("social_media", "author", "maxLength", 129),
				Arguments.of("social_media", "text", "minLength", 2),
				Arguments.of("social_media", "hashtags", "maxItems", 49),
				Arguments.of("social_media", "hashtags", "items.maxLength", 141),
				Arguments.of("weather_data", "temperatureC", "maximum", 61),
				Arguments.of("weather_data", "lon", "minimum", -179),
				Arguments.of("customer_feedback", "rating", "maximum", 4),
				Arguments.of("customer_feedback", "comment", "maxLength", 4999),
				Arguments.of("customer_sentiment", "compound", "minimum", 0));
	}

	private List<String> disagreements(String topic, JsonNode schemaNode, ObjectNode original) {
		JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
			.getSchema(schemaNode, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
		List<String> disagreements = new ArrayList<>();
		for (ObjectNode variant : variants(original, schemaNode.get("properties"))) {
			Set<ValidationMessage> violations = schema.validate(variant);
			boolean read;
			try {
				this.reader.read(TOPICS.get(topic), jackson2.writeValueAsBytes(variant));
				read = true;
			}
			catch (InvalidEvent ex) {
				read = false;
				assertThat(ex.getMessage()).as("a reason names the field").matches("^[a-zA-Z\\[\\]0-9]+: .+|.+");
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			if (read != violations.isEmpty()) {
				disagreements.add(variant + " read=" + read + " schema=" + violations);
			}
		}
		return disagreements;
	}

	@ParameterizedTest
	@ValueSource(strings = { "+300000000-01-01T00:00:00Z", "-000001-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
			"10000-01-01T00:00:00Z" })
	void refusesInstantsWithoutAFourDigitYearAsTheSchemaDoes(String instant) throws IOException {
		String post = "{\"id\":\"p\",\"platform\":\"x\",\"author\":\"a\",\"text\":\"t\",\"createdAt\":\"" + instant
				+ "\",\"ingestedAt\":\"2026-11-20T09:00:00Z\"}";
		assertThatExceptionOfType(InvalidEvent.class).isThrownBy(() -> read(EventKind.POST, post))
			.withMessageStartingWith("createdAt: must be an RFC 3339 date-time with a four-digit year");
		assertThat(schema("social_media").validate(jackson2.readTree(post))).isNotEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "9999-12-31T23:59:59-01:00", "0000-01-01T00:00:00+00:01" })
	void refusesInstantsOutsideTheYearsAFourDigitYearNamesInUtc(String instant) {
		String post = "{\"id\":\"p\",\"platform\":\"x\",\"author\":\"a\",\"text\":\"t\",\"createdAt\":\"" + instant
				+ "\",\"ingestedAt\":\"2026-11-20T09:00:00Z\"}";
		assertThatExceptionOfType(InvalidEvent.class).isThrownBy(() -> read(EventKind.POST, post))
			.withMessageStartingWith("createdAt: must lie in the years 0000 to 9999 in UTC");
	}

	@Test
	void refusesWhatAStoredDocumentCannotHold() {
		String reading = "\"stationId\":\"s\",\"location\":\"x\",\"observedAt\":\"2026-11-20T09:00:00Z\","
				+ "\"temperatureC\":1,\"ingestedAt\":\"2026-11-20T09:00:00Z\"}";
		assertThatExceptionOfType(InvalidEvent.class).isThrownBy(
				() -> read(EventKind.READING, "{\"id\":\"w\",\"x\":" + "[".repeat(99) + "]".repeat(99) + "," + reading))
			.withMessageContaining("nested deeper than 99");
		read(EventKind.READING, "{\"id\":\"w\",\"x\":" + "[".repeat(98) + "]".repeat(98) + "," + reading);
		assertThatExceptionOfType(InvalidEvent.class)
			.isThrownBy(() -> read(EventKind.READING, "{\"id\":\"w\",\"x\":\"a\\ud800\"," + reading))
			.withMessageContaining("unpaired surrogate");
		assertThatExceptionOfType(InvalidEvent.class)
			.isThrownBy(() -> read(EventKind.READING, "{\"id\":\"w\",\"x\\udc00y\":1," + reading))
			.withMessageContaining("surrogate");
		// A surrogate can also come as raw bytes (ED A0 80: U+D800 encoded as if it were
		// a
		// character). That is not UTF-8, and the parser refuses it, so the reader checks
		// strings for surrogates only when the value has a backslash-u escape.
		byte[] before = "{\"id\":\"w\",\"x\":\"a".getBytes(StandardCharsets.UTF_8);
		byte[] after = ("\"," + reading).getBytes(StandardCharsets.UTF_8);
		ByteBuffer withSurrogate = ByteBuffer.allocate(before.length + 3 + after.length)
			.put(before)
			.put(new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 })
			.put(after);
		assertThatExceptionOfType(InvalidEvent.class)
			.isThrownBy(() -> this.reader.read(EventKind.READING, withSurrogate.array()));
		assertThat(read(EventKind.READING, "{\"id\":\"w\",\"x\":\"\\ud83d\\ude00 \uD83D\uDE00\"," + reading).document()
			.getString("x")
			.getValue()).isEqualTo("\uD83D\uDE00 \uD83D\uDE00");
		assertThatExceptionOfType(InvalidEvent.class)
			.isThrownBy(() -> read(EventKind.READING, "{\"id\":\"w\",\"x\\u0000y\":1," + reading))
			.withMessageContaining("NUL");
		read(EventKind.READING, "{\"id\":\"w\",\"$set\":{\"a.b\":1,\"_id\":\"$x\"}," + reading);
	}

	@Test
	void refusesWhatIsNotAJsonObjectWithAReason() {
		assertThatExceptionOfType(InvalidEvent.class).isThrownBy(() -> read(EventKind.POST, "{\"id\": "))
			.withMessageStartingWith("not JSON");
		assertThatExceptionOfType(InvalidEvent.class).isThrownBy(() -> read(EventKind.POST, "[1, 2]"))
			.withMessageContaining("must be a JSON object");
		assertThatExceptionOfType(InvalidEvent.class).isThrownBy(() -> this.reader.read(EventKind.POST, (byte[]) null))
			.withMessageContaining("tombstone");
		assertThatExceptionOfType(InvalidEvent.class).isThrownBy(() -> read(EventKind.READING,
				"{\"id\":\"a\",\"id\":\"b\",\"stationId\":\"s\",\"location\":\"x\","
						+ "\"observedAt\":\"2026-11-20T09:00:00Z\",\"temperatureC\":1,\"ingestedAt\":\"2026-11-20T09:00:00Z\"}"))
			.withMessage("has the field \"id\" more than once in one object");
		assertThatExceptionOfType(InvalidEvent.class).as("a field twice in a nested object")
			.isThrownBy(() -> read(EventKind.READING,
					"{\"id\":\"a\",\"stationId\":\"s\",\"location\":\"x\",\"extra\":{\"k\":1,\"k\":2},"
							+ "\"observedAt\":\"2026-11-20T09:00:00Z\",\"temperatureC\":1,\"ingestedAt\":\"2026-11-20T09:00:00Z\"}"))
			.withMessage("has the field \"k\" more than once in one object");
	}

	@Test
	void namesTheFieldThatBreaksTheContract() {
		assertThatExceptionOfType(InvalidEvent.class)
			.isThrownBy(() -> read(EventKind.READING,
					"{\"id\":\"w\",\"stationId\":\"s\",\"location\":\"x\",\"observedAt\":\"2026-11-20T09:00:00Z\","
							+ "\"temperatureC\":99,\"ingestedAt\":\"2026-11-20T09:00:00Z\"}"))
			.withMessage("temperatureC: must be -90 to 60 but was 99");
		assertThatExceptionOfType(InvalidEvent.class).isThrownBy(() -> read(EventKind.SENTIMENT,
				"{\"id\":\"a\",\"postId\":\"b\",\"author\":\"x\",\"platform\":\"t\",\"createdAt\":\"2026-11-20T09:00:00Z\","
						+ "\"ingestedAt\":null,\"analyzedAt\":\"2026-11-20T09:00:00Z\",\"compound\":0,\"positive\":0,"
						+ "\"neutral\":1,\"negative\":0,\"label\":\"neutral\",\"engineVersion\":\"v\"}"))
			.withMessageStartingWith("id: must equal postId");
	}

	@Test
	void keepsNumbersAsWrittenAndIntegersWrittenWithAFraction() {
		ReceivedEvent feedback = read(EventKind.FEEDBACK, "{\"id\":\"f\",\"customerId\":\"c\",\"rating\":4.0,"
				+ "\"submittedAt\":\"2026-11-20T09:00:00+01:00\",\"ingestedAt\":\"2026-11-20T09:00:00Z\",\"big\":123456789012345678901234567890}");
		assertThat(((FeedbackSubmitted) feedback.event()).rating()).isEqualTo(4);
		assertThat(((FeedbackSubmitted) feedback.event()).submittedAt()).hasToString("2026-11-20T08:00:00Z");
		assertThat(feedback.document().get("big").asDecimal128().getValue())
			.hasToString("123456789012345678901234567890");
		ReceivedEvent reading = read(EventKind.READING, "{\"id\":\"w\",\"stationId\":\"s\",\"location\":\"x\","
				+ "\"observedAt\":\"2026-11-20T09:00:00Z\",\"temperatureC\":0.30000000000000004,\"ingestedAt\":\"2026-11-20T09:00:00Z\"}");
		assertThat(((ReadingObserved) reading.event()).temperatureC()).hasToString("0.30000000000000004");
	}

	private ReceivedEvent read(EventKind kind, String value) {
		return this.reader.read(kind, value.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The example with each field removed, set to null, to the wrong type, and just
	 * inside and just outside its limits.
	 */
	private static List<ObjectNode> variants(ObjectNode original, JsonNode properties) {
		List<ObjectNode> variants = new ArrayList<>();
		for (Iterator<Map.Entry<String, JsonNode>> fields = properties.fields(); fields.hasNext();) {
			Map.Entry<String, JsonNode> field = fields.next();
			String name = field.getKey();
			JsonNode rules = field.getValue();
			if (name.equals("id") || name.equals("postId")) {
				// Stricter than the schema on purpose: a
				// sentiment's id must equal its postId.
				variants.add(without(original, name));
				continue;
			}
			variants.add(without(original, name));
			variants.add(with(original, name, jackson2.nullNode()));
			variants.add(with(original, name, jackson2.getNodeFactory().booleanNode(true)));
			variants.add(with(original, name, jackson2.getNodeFactory().textNode("not-a-" + name)));
			variants.add(with(original, name, jackson2.getNodeFactory().numberNode(3)));
			if (rules.has("maxLength")) {
				int max = rules.get("maxLength").asInt();
				variants.add(with(original, name, jackson2.getNodeFactory().textNode("é".repeat(max))));
				variants.add(with(original, name, jackson2.getNodeFactory().textNode("é".repeat(max + 1))));
				// Within a pattern of letters and digits too, such as the platform's.
				variants.add(with(original, name, jackson2.getNodeFactory().textNode("a".repeat(max))));
				variants.add(with(original, name, jackson2.getNodeFactory().textNode("a".repeat(max + 1))));
			}
			if (rules.has("minLength")) {
				int min = rules.get("minLength").asInt();
				variants.add(with(original, name, jackson2.getNodeFactory().textNode("a".repeat(min))));
				variants
					.add(with(original, name, jackson2.getNodeFactory().textNode("a".repeat(Math.max(0, min - 1)))));
			}
			if (rules.has("maxItems")) {
				int max = rules.get("maxItems").asInt();
				variants.add(with(original, name, strings("a", max)));
				variants.add(with(original, name, strings("a", max + 1)));
				variants.add(with(original, name, strings("", 1)));
			}
			if (rules.path("items").has("maxLength")) {
				int max = rules.get("items").get("maxLength").asInt();
				variants.add(with(original, name, strings("é".repeat(max), 1)));
				variants.add(with(original, name, strings("é".repeat(max + 1), 1)));
			}
			if (rules.has("minimum")) {
				double min = rules.get("minimum").asDouble();
				variants.add(with(original, name, jackson2.getNodeFactory().numberNode(min)));
				variants.add(with(original, name, jackson2.getNodeFactory().numberNode(min - 0.001)));
				variants.add(with(original, name, jackson2.getNodeFactory().numberNode(min - 1)));
			}
			if (rules.has("maximum")) {
				double max = rules.get("maximum").asDouble();
				variants.add(with(original, name, jackson2.getNodeFactory().numberNode(max)));
				variants.add(with(original, name, jackson2.getNodeFactory().numberNode(max + 0.5)));
				variants.add(with(original, name, jackson2.getNodeFactory().numberNode(max + 1)));
			}
			if ("date-time".equals(rules.path("format").asText())) {
				variants.add(with(original, name, jackson2.getNodeFactory().textNode("2026-11-20T09:15:00.123+02:00")));
				variants.add(with(original, name, jackson2.getNodeFactory().textNode("2026-13-20T09:15:00Z")));
			}
		}
		variants.add(with(original, "somethingNew", jackson2.getNodeFactory().textNode("kept")));
		return variants;
	}

	private static JsonNode strings(String text, int count) {
		com.fasterxml.jackson.databind.node.ArrayNode array = jackson2.createArrayNode();
		for (int i = 0; i < count; i++) {
			array.add(text);
		}
		return array;
	}

	private static ObjectNode without(ObjectNode original, String field) {
		ObjectNode copy = original.deepCopy();
		copy.remove(field);
		return copy;
	}

	private static ObjectNode with(ObjectNode original, String field, JsonNode value) {
		ObjectNode copy = original.deepCopy();
		copy.set(field, value);
		return copy;
	}

	private static JsonSchema schema(String topic) throws IOException {
		try (InputStream in = EventReaderTests.class.getResourceAsStream("/contracts/" + topic + ".schema.json")) {
			return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
				.getSchema(in, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
		}
	}

	private static String schemaText(String topic) throws IOException {
		try (InputStream in = EventReaderTests.class.getResourceAsStream("/contracts/" + topic + ".schema.json")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
