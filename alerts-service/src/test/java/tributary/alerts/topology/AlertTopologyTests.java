package tributary.alerts.topology;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tributary.testsupport.contracts.ContractSchemas;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules as the shared agreement states them, through the whole topology.
 */
class AlertTopologyTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void raisesHighTemperatureAtTheThresholdAndNotJustBelow() {
		try (AlertsDriver alerts = new AlertsDriver()) {
			alerts.reading("r-below", "Seville", "2026-07-14T13:00:00Z", 34.99);
			alerts.reading("r-at", "Seville", "2026-07-14T13:10:00Z", 35);
			alerts.reading("r-above", "Seville", "2026-07-14T13:20:00Z", 41.5);

			List<TestRecord<String, String>> raised = alerts.alerts();

			assertThat(raised).extracting((record) -> field(record, "id"))
				.containsExactly("high-temperature/r-at", "high-temperature/r-above");
			TestRecord<String, String> first = raised.get(0);
			assertThat(first.key()).isEqualTo("Seville");
			JsonNode alert = json.readTree(first.value());
			assertThat(alert.get("kind").stringValue()).isEqualTo("high-temperature");
			assertThat(alert.get("location").stringValue()).isEqualTo("Seville");
			assertThat(alert.get("from").stringValue()).isEqualTo("2026-07-14T13:10:00Z");
			assertThat(alert.get("to").stringValue()).isEqualTo("2026-07-14T13:10:00Z");
			assertThat(alert.get("value").doubleValue()).isEqualTo(35.0);
			assertThat(alert.get("threshold").doubleValue()).isEqualTo(35.0);
			assertThat(alert.get("count").longValue()).isEqualTo(1);
			assertThat(alert.get("sourceId").stringValue()).isEqualTo("r-at");
			assertThat(alert.get("raisedAt").stringValue()).isEqualTo("2026-07-14T13:10:00Z");
			assertThat(alerts.counted("high-temperature")).isEqualTo(2);
		}
	}

	@Test
	void appliesAPerLocationThresholdOnlyToItsLocation() {
		try (AlertsDriver alerts = new AlertsDriver(
				Map.of("tributary.alerts.high-temperature.locations[Death Valley]", "50"))) {
			alerts.reading("dv-45", "Death Valley", "2026-07-14T13:00:00Z", 45);
			alerts.reading("dv-50", "Death Valley", "2026-07-14T13:05:00Z", 50);
			alerts.reading("sev-45", "Seville", "2026-07-14T13:00:00Z", 45);

			List<TestRecord<String, String>> raised = alerts.alerts();

			assertThat(raised).extracting((record) -> field(record, "id"))
				.containsExactly("high-temperature/dv-50", "high-temperature/sev-45");
			assertThat(json.readTree(raised.get(0).value()).get("threshold").doubleValue()).isEqualTo(50.0);
			assertThat(json.readTree(raised.get(1).value()).get("threshold").doubleValue()).isEqualTo(35.0);
		}
	}

	@Test
	void raisesOneHeatWavePerWindowOnlyOnceTheWindowAndItsGraceHavePassed() {
		try (AlertsDriver alerts = new AlertsDriver()) {
			// The epoch-aligned window 12:00-15:00; mean 33.5 over four readings.
			alerts.reading("hw-1", "Seville", "2026-07-14T12:10:00Z", 33);
			alerts.reading("hw-2", "Seville", "2026-07-14T13:00:00Z", 34);
			alerts.reading("hw-3", "Seville", "2026-07-14T14:00:00Z", 33);
			alerts.reading("hw-4", "Seville", "2026-07-14T14:59:59Z", 34);
			// Stream time past the window's end, within its grace: still open.
			alerts.reading("later-1", "Berlin", "2026-07-14T15:09:00Z", 20);
			assertThat(alerts.alerts()).isEmpty();
			// A late reading within the grace still counts.
			alerts.reading("hw-late", "Seville", "2026-07-14T14:30:00Z", 34);
			assertThat(alerts.alerts()).isEmpty();

			alerts.reading("later-2", "Berlin", "2026-07-14T15:10:00Z", 20);

			List<TestRecord<String, String>> raised = alerts.alerts();
			assertThat(raised).hasSize(1);
			assertThat(raised.get(0).key()).isEqualTo("Seville");
			JsonNode alert = json.readTree(raised.get(0).value());
			assertThat(alert.get("id").stringValue()).isEqualTo("heat-wave/Seville/2026-07-14T12:00:00Z");
			assertThat(alert.get("kind").stringValue()).isEqualTo("heat-wave");
			assertThat(alert.get("from").stringValue()).isEqualTo("2026-07-14T12:00:00Z");
			assertThat(alert.get("to").stringValue()).isEqualTo("2026-07-14T15:00:00Z");
			assertThat(alert.get("value").doubleValue()).isEqualTo(33.6);
			assertThat(alert.get("threshold").doubleValue()).isEqualTo(32.0);
			assertThat(alert.get("count").longValue()).isEqualTo(5);
			assertThat(alert.get("sourceId").isNull()).isTrue();
			assertThat(alert.get("raisedAt").stringValue()).isEqualTo("2026-07-14T15:00:00Z");

			// A reading after the grace is too late for the closed window: no second
			// alert.
			alerts.reading("too-late", "Seville", "2026-07-14T14:00:00Z", 34);
			alerts.reading("much-later", "Berlin", "2026-07-14T23:00:00Z", 20);
			assertThat(alerts.alerts()).isEmpty();
			assertThat(alerts.counted("heat-wave")).isEqualTo(1);
		}
	}

	@Test
	void raisesNoHeatWaveBelowTheMinimumCountOrAtTheThreshold() {
		try (AlertsDriver alerts = new AlertsDriver()) {
			// Two readings with a high mean: fewer than three.
			alerts.reading("few-1", "Seville", "2026-07-14T12:10:00Z", 34);
			alerts.reading("few-2", "Seville", "2026-07-14T12:20:00Z", 34);
			// Three readings whose mean is exactly the threshold: not strictly above.
			alerts.reading("at-1", "Cordoba", "2026-07-14T12:10:00Z", 31);
			alerts.reading("at-2", "Cordoba", "2026-07-14T12:20:00Z", 32);
			alerts.reading("at-3", "Cordoba", "2026-07-14T12:30:00Z", 33);
			// Three just above, in the next window of another city.
			alerts.reading("ok-1", "Malaga", "2026-07-14T12:10:00Z", 32.1);
			alerts.reading("ok-2", "Malaga", "2026-07-14T12:20:00Z", 32.1);
			alerts.reading("ok-3", "Malaga", "2026-07-14T12:30:00Z", 32.1);
			alerts.reading("close", "Berlin", "2026-07-14T16:00:00Z", 20);

			assertThat(alerts.alerts()).extracting((record) -> field(record, "id"))
				.containsExactly("heat-wave/Malaga/2026-07-14T12:00:00Z");
		}
	}

	@Test
	void raisesASentimentDropWhenMoreThanHalfOfAtLeastTenPostsAreNegative() {
		try (AlertsDriver alerts = new AlertsDriver()) {
			// Berlin 09:15-09:30: 6 negative of 10.
			for (int i = 0; i < 10; i++) {
				alerts.post("b-" + i, "Berlin", "2026-07-14T09:1" + (5 + i % 5) + ":00Z",
						(i < 6) ? "negative" : "positive");
			}
			// Paris: 5 of 10, exactly half.
			for (int i = 0; i < 10; i++) {
				alerts.post("p-" + i, "Paris", "2026-07-14T09:20:00Z", (i < 5) ? "negative" : "neutral");
			}
			// Rome: 9 of 9, too few posts.
			for (int i = 0; i < 9; i++) {
				alerts.post("r-" + i, "Rome", "2026-07-14T09:20:00Z", "negative");
			}
			// Posts without a location count for none.
			for (int i = 0; i < 12; i++) {
				alerts.post("n-" + i, null, "2026-07-14T09:20:00Z", "negative");
			}
			assertThat(alerts.alerts()).isEmpty();

			// Closes the windows: stream time past 09:30 plus the minute of grace.
			alerts.post("close", "Oslo", "2026-07-14T09:31:00Z", "neutral");

			List<TestRecord<String, String>> raised = alerts.alerts();
			assertThat(raised).hasSize(1);
			assertThat(raised.get(0).key()).isEqualTo("Berlin");
			JsonNode alert = json.readTree(raised.get(0).value());
			assertThat(alert.get("id").stringValue()).isEqualTo("sentiment-drop/Berlin/2026-07-14T09:15:00Z");
			assertThat(alert.get("from").stringValue()).isEqualTo("2026-07-14T09:15:00Z");
			assertThat(alert.get("to").stringValue()).isEqualTo("2026-07-14T09:30:00Z");
			assertThat(alert.get("value").doubleValue()).isEqualTo(0.6);
			assertThat(alert.get("threshold").doubleValue()).isEqualTo(0.5);
			assertThat(alert.get("count").longValue()).isEqualTo(10);
			assertThat(alerts.postDeadLetters.isEmpty()).isTrue();
		}
	}

	@Test
	void publishesAlertsWithTheContractsHeadersAndSchema() {
		try (AlertsDriver alerts = new AlertsDriver()) {
			alerts.reading("c-1", "Seville", "2026-07-14T12:10:00Z", 36);
			alerts.reading("c-2", "Seville", "2026-07-14T12:20:00Z", 36);
			alerts.reading("c-3", "Seville", "2026-07-14T12:30:00Z", 36);
			alerts.reading("close", "Berlin", "2026-07-14T16:00:00Z", 20);
			for (int i = 0; i < 10; i++) {
				alerts.post("s-" + i, "Seville", "2026-07-14T12:10:00Z", "negative");
			}
			alerts.post("close", "Berlin", "2026-07-14T16:00:00Z", "neutral");

			List<TestRecord<String, String>> raised = alerts.alerts();

			assertThat(raised).extracting((record) -> field(record, "kind"))
				.containsExactlyInAnyOrder("high-temperature", "high-temperature", "high-temperature", "heat-wave",
						"sentiment-drop");
			for (TestRecord<String, String> record : raised) {
				ContractSchemas.assertValid("weather_alerts", record.value());
				assertThat(headers(record)).containsExactly("event-type=alert", "schema-version=1");
			}
		}
	}

	@Test
	void replayingTheSameInputYieldsIdenticalAlerts() {
		List<List<String>> runs = new ArrayList<>();
		for (int run = 0; run < 2; run++) {
			try (AlertsDriver alerts = new AlertsDriver()) {
				alerts.reading("rp-1", "Seville", "2026-07-14T12:10:00Z", 36.2);
				alerts.reading("rp-2", "Seville", "2026-07-14T12:20:00Z", 33.3);
				alerts.reading("rp-3", "Seville", "2026-07-14T12:30:00Z", 31.7);
				alerts.reading("close", "Berlin", "2026-07-14T16:00:00Z", 20);
				runs.add(alerts.alerts().stream().map((record) -> record.key() + " " + record.value()).toList());
			}
		}
		assertThat(runs.get(0)).hasSize(2);
		assertThat(runs.get(1)).isEqualTo(runs.get(0));
	}

	@Test
	void aReadingFromTheFarFutureRaisesItsAlertWithoutClosingTheWindowsOfOthers() {
		try (AlertsDriver alerts = new AlertsDriver()) {
			alerts.reading("future", "Seville", "9999-12-31T23:59:59Z", 40);
			alerts.reading("ancient", "Seville", "0000-01-01T00:00:00Z", 40);
			alerts.reading("now-1", "Seville", "2026-07-14T12:10:00Z", 33);
			alerts.reading("now-2", "Seville", "2026-07-14T12:20:00Z", 33);
			alerts.reading("now-3", "Seville", "2026-07-14T12:30:00Z", 33);
			alerts.reading("close", "Berlin", "2026-07-14T16:00:00Z", 20);

			assertThat(alerts.alerts()).extracting((record) -> field(record, "id"))
				.containsExactly("high-temperature/future", "high-temperature/ancient",
						"heat-wave/Seville/2026-07-14T12:00:00Z");
		}
	}

	@Test
	void countsAReadingAheadOfTheClockInAWindowOnlyWithinTheAllowedSkew() {
		Map<String, String> skew = Map.of("tributary.alerts.streams.max-clock-skew", "1h");
		for (boolean withinSkew : new boolean[] { true, false }) {
			try (AlertsDriver alerts = new AlertsDriver(skew)) {
				alerts.reading("sk-1", "Seville", "2026-12-31T18:10:00Z", 33);
				alerts.reading("sk-2", "Seville", "2026-12-31T18:20:00Z", 33);
				alerts.reading("sk-3", "Seville", "2026-12-31T18:30:00Z", 33);
				// The driver's clock says 2027-01-01T00:00Z: 30 minutes ahead counts in
				// windows (and closes the one above), 90 minutes ahead does not.
				alerts.reading("ahead", "Seville", withinSkew ? "2027-01-01T00:30:00Z" : "2027-01-01T01:30:00Z", 20);

				assertThat(alerts.alerts()).extracting((record) -> field(record, "id"))
					.as(withinSkew ? "within the skew" : "beyond the skew")
					.isEqualTo(withinSkew ? List.of("heat-wave/Seville/2026-12-31T18:00:00Z") : List.of());
			}
		}
	}

	private static String field(TestRecord<String, String> record, String name) {
		return json.readTree(record.value()).get(name).stringValue();
	}

	private static List<String> headers(TestRecord<String, String> record) {
		List<String> headers = new ArrayList<>();
		for (Header header : record.headers()) {
			headers.add(header.key() + "=" + new String(header.value(), StandardCharsets.UTF_8));
		}
		return headers;
	}

}
