package tributary.ingest.contracts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tributary.ingest.events.Contracts;

import static org.assertj.core.api.Assertions.assertThat;

/** The examples in {@code contracts/examples/} that consumers test against are valid. */
class ContractExamplesTests {

	static final Path EXAMPLES = Path.of("..", "contracts", "examples");

	@ParameterizedTest(name = "{0}")
	@MethodSource("examples")
	void everyExampleOfOurTopicsFollowsItsSchema(Path example) throws IOException {
		String topic = example.getParent().getFileName().toString();
		assertThat(Contracts.violations(topic, Files.readString(example))).isEmpty();
	}

	static Stream<Path> examples() throws IOException {
		List<Path> examples = new java.util.ArrayList<>();
		for (String topic : List.of("social_media", "weather_data", "customer_feedback")) {
			try (Stream<Path> files = Files.list(EXAMPLES.resolve(topic))) {
				files.filter((file) -> file.toString().endsWith(".json")).sorted().forEach(examples::add);
			}
		}
		assertThat(examples).hasSizeGreaterThanOrEqualTo(6);
		return examples.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("brokenRecords")
	void theSchemasRefuseWhatTheServiceRefuses(String topic, String record) {
		assertThat(Contracts.violations(topic, record)).isNotEmpty();
	}

	static Stream<org.junit.jupiter.params.provider.Arguments> brokenRecords() {
		String post = "{\"id\":\"p\",\"platform\":\"twitter\",\"author\":\"a\",\"text\":\"t\","
				+ "\"createdAt\":\"2025-06-01T12:00:00Z\",\"ingestedAt\":\"2025-06-01T12:00:01Z\"";
		String reading = "{\"id\":\"w\",\"stationId\":\"s\",\"location\":\"l\",\"observedAt\":\"2025-06-01T12:00:00Z\","
				+ "\"ingestedAt\":\"2025-06-01T12:00:01Z\"";
		String feedback = "{\"id\":\"f\",\"customerId\":\"c\",\"submittedAt\":\"2025-06-01T12:00:00Z\","
				+ "\"ingestedAt\":\"2025-06-01T12:00:01Z\"";
		return Stream.of(
				org.junit.jupiter.params.provider.Arguments.of("social_media",
						post.replace(",\"text\":\"t\"", "") + "}"),
				org.junit.jupiter.params.provider.Arguments.of("social_media",
						post.replace("twitter", "Twitter") + "}"),
				org.junit.jupiter.params.provider.Arguments.of("social_media",
						post.replace("2025-06-01T12:00:00Z", "yesterday") + "}"),
				org.junit.jupiter.params.provider.Arguments.of("weather_data", reading + ",\"temperatureC\":61}"),
				org.junit.jupiter.params.provider.Arguments.of("weather_data",
						reading + ",\"temperatureC\":1,\"precipitationMm\":2001}"),
				org.junit.jupiter.params.provider.Arguments.of("customer_feedback", feedback + ",\"rating\":4.5}"),
				org.junit.jupiter.params.provider.Arguments.of("customer_feedback", feedback + ",\"rating\":6}"));
	}

}
