package tributary.alerts.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tributary.testsupport.contracts.ContractSchemas;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records that break their contract go to their topic's dead-letter topic byte for byte,
 * with the headers the other services write, and the records after them are processed.
 */
class DeadLetterTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void deadLettersABadReadingWithItsReasonAndOriginAndGoesOn() {
		try (AlertsDriver alerts = new AlertsDriver()) {
			byte[] notJson = AlertsDriver.utf8("this is not JSON {");
			RecordHeaders original = new RecordHeaders();
			original.add("event-type", AlertsDriver.utf8("weather-reading"));
			alerts.readings.pipeInput(new TestRecord<>(AlertsDriver.utf8("station-7"), notJson, original,
					Instant.parse("2026-07-14T13:00:00Z")));
			byte[] tooHot = AlertsDriver.utf8(AlertsDriver.Json.reading("hot", "Seville", "2026-07-14T13:00:00Z", 61));
			alerts.readings.pipeInput(AlertsDriver.utf8("station-7"), tooHot, Instant.parse("2026-07-14T13:00:00Z"));
			alerts.reading("fine", "Seville", "2026-07-14T13:00:00Z", 36);

			List<TestRecord<byte[], byte[]>> dead = alerts.readingDeadLetters.readRecordsToList();

			assertThat(dead).hasSize(2);
			TestRecord<byte[], byte[]> first = dead.get(0);
			assertThat(first.key()).isEqualTo(AlertsDriver.utf8("station-7"));
			assertThat(first.value()).isEqualTo(notJson);
			assertThat(header(first, "event-type")).isEqualTo("weather-reading");
			assertThat(header(first, "kafka_dlt-original-topic")).isEqualTo("weather_data");
			assertThat(ByteBuffer.wrap(bytes(first, "kafka_dlt-original-partition")).getInt()).isZero();
			assertThat(ByteBuffer.wrap(bytes(first, "kafka_dlt-original-offset")).getLong()).isZero();
			assertThat(header(first, "kafka_dlt-original-consumer-group")).isEqualTo("alerts-test");
			assertThat(header(first, "kafka_dlt-exception-fqcn")).isEqualTo("tributary.alerts.rules.InvalidRecord");
			assertThat(header(first, "tributary-dead-letter-reason")).startsWith("value is not JSON");
			assertThat(header(first, "kafka_dlt-exception-message"))
				.isEqualTo(header(first, "tributary-dead-letter-reason"));
			TestRecord<byte[], byte[]> second = dead.get(1);
			assertThat(second.value()).isEqualTo(tooHot);
			assertThat(ByteBuffer.wrap(bytes(second, "kafka_dlt-original-offset")).getLong()).isEqualTo(1);
			assertThat(header(second, "tributary-dead-letter-reason")).startsWith("temperatureC is 61");
			assertThat(alerts.alerts()).extracting((record) -> json.readTree(record.value()).get("id").stringValue())
				.containsExactly("high-temperature/fine");
			assertThat(alerts.registry.counter("tributary.alerts.dead.lettered", "topic", "weather_data").count())
				.isEqualTo(2);
		}
	}

	@Test
	void deadLettersInvalidUtf8TombstonesAndBadInstantsOfBothTopics() {
		try (AlertsDriver alerts = new AlertsDriver()) {
			byte[] invalidUtf8 = AlertsDriver.Json.reading("bad-utf8", "MARK", "2026-07-14T13:00:00Z", 36)
				.replace("MARK", "\u0000")
				.getBytes(StandardCharsets.UTF_8);
			invalidUtf8[indexOf(invalidUtf8, (byte) 0)] = (byte) 0xC0;
			alerts.readings.pipeInput(AlertsDriver.utf8("k"), invalidUtf8);
			alerts.readings.pipeInput(AlertsDriver.utf8("k"), (byte[]) null);
			alerts.posts.pipeInput(AlertsDriver.utf8("k"),
					AlertsDriver.utf8(AlertsDriver.Json.post("p", "Berlin", "+10000-01-01T00:00:00Z", "negative")));
			alerts.posts.pipeInput(AlertsDriver.utf8("k"),
					AlertsDriver.utf8(AlertsDriver.Json.post("p", "Berlin", "2026-07-14T09:15:00Z", "NEGATIVE")));

			List<TestRecord<byte[], byte[]>> readings = alerts.readingDeadLetters.readRecordsToList();
			List<TestRecord<byte[], byte[]>> posts = alerts.postDeadLetters.readRecordsToList();

			assertThat(readings).extracting((record) -> header(record, "tributary-dead-letter-reason"))
				.containsExactly(
						"value is not UTF-8: invalid byte sequence at byte " + indexOf(invalidUtf8, (byte) 0xC0),
						"value is missing (a tombstone)");
			assertThat(readings.get(0).value()).isEqualTo(invalidUtf8);
			assertThat(readings.get(1).value()).isNull();
			assertThat(posts).extracting((record) -> header(record, "tributary-dead-letter-reason"))
				.allSatisfy((reason) -> assertThat(reason).isNotBlank());
			assertThat(posts).extracting((record) -> header(record, "kafka_dlt-original-topic"))
				.containsExactly("customer_sentiment", "customer_sentiment");
			assertThat(alerts.alerts()).isEmpty();
		}
	}

	@Test
	void processesValidRecordsAtTheContractsLimits() {
		try (AlertsDriver alerts = new AlertsDriver()) {
			String location = "L".repeat(127) + "😀";
			alerts.reading("limits", location, "9999-12-31T23:59:59.999999999Z", 60);
			alerts.reading("offset", "Seville", "2026-07-14T15:00:00+02:00", 35);

			List<TestRecord<String, String>> raised = alerts.alerts();

			assertThat(alerts.readingDeadLetters.isEmpty()).isTrue();
			assertThat(raised).hasSize(2);
			assertThat(raised.get(0).key()).isEqualTo(location);
			assertThat(json.readTree(raised.get(0).value()).get("from").stringValue())
				.isEqualTo("9999-12-31T23:59:59.999999999Z");
			assertThat(json.readTree(raised.get(1).value()).get("from").stringValue())
				.isEqualTo("2026-07-14T13:00:00Z");
			raised.forEach((record) -> ContractSchemas.assertValid("weather_alerts", record.value()));
		}
	}

	private static int indexOf(byte[] bytes, byte wanted) {
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == wanted) {
				return i;
			}
		}
		throw new AssertionError("not found");
	}

	static byte[] bytes(TestRecord<byte[], byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		assertThat(header).as(name).isNotNull();
		return header.value();
	}

	static @Nullable String header(TestRecord<byte[], byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
