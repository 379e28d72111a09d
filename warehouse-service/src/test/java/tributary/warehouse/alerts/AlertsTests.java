package tributary.warehouse.alerts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.jspecify.annotations.Nullable;
import tributary.warehouse.TestStore;
import tributary.warehouse.alerts.Alerts.Alert;
import tributary.warehouse.alerts.Alerts.AlertQuery;
import tributary.warehouse.events.AlertKind;
import tributary.warehouse.events.AlertRaised;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The alerts collection on the store: kept once per id, listed by the agreed filters. */
class AlertsTests {

	private final MongoTemplate mongo = TestStore.freshDatabase("alerts");

	private final Alerts alerts = new Alerts(this.mongo, new SimpleMeterRegistry());

	@Test
	void keepsEachAlertOnceWhateverIsWrittenAgain() {
		AlertRaised first = heatWave("Seville", "2026-07-14T12:00:00Z", "2026-07-14T15:00:02Z");
		this.alerts.record(List.of(first));
		this.alerts.record(List.of(first, heatWave("Seville", "2026-07-14T12:00:00Z", "2026-07-14T18:00:00Z")));

		assertThat(this.mongo.getCollection(Alerts.COLLECTION).countDocuments()).isOne();
		assertThat(all()).singleElement().satisfies((alert) -> {
			assertThat(alert.id()).isEqualTo("heat-wave/Seville/2026-07-14T12:00:00Z");
			assertThat(alert.kind()).isEqualTo("heat-wave");
			assertThat(alert.from()).isEqualTo("2026-07-14T12:00:00Z");
			assertThat(alert.to()).isEqualTo("2026-07-14T15:00:00Z");
			assertThat(alert.value()).isEqualByComparingTo("36.8");
			assertThat(alert.threshold()).isEqualByComparingTo("32");
			assertThat(alert.count()).isEqualTo(36);
			assertThat(alert.sourceId()).isNull();
			assertThat(alert.raisedAt()).as("the first written stays").isEqualTo("2026-07-14T15:00:02Z");
		});
	}

	@Test
	void listsNewestFromFirstWithTiesById() {
		this.alerts.record(List.of(highTemperature("Seville", "b", "2026-07-14T13:00:00Z"),
				heatWave("Seville", "2026-07-14T12:00:00Z", "2026-07-14T15:00:02Z"),
				highTemperature("Seville", "a", "2026-07-14T13:00:00Z"),
				highTemperature("Berlin", "c", "2026-07-14T14:30:00Z")));

		assertThat(all()).extracting(Alert::id)
			.containsExactly("high-temperature/c", "high-temperature/a", "high-temperature/b",
					"heat-wave/Seville/2026-07-14T12:00:00Z");
	}

	@Test
	void selectsByLocationKindAndAHalfOpenRangeOfFrom() {
		this.alerts.record(List.of(highTemperature("Seville", "a", "2026-07-14T12:59:59.999999999Z"),
				highTemperature("Seville", "b", "2026-07-14T13:00:00Z"),
				highTemperature("Seville", "c", "2026-07-14T14:00:00Z"),
				highTemperature("Berlin", "d", "2026-07-14T13:30:00Z"),
				heatWave("Seville", "2026-07-14T12:00:00Z", "2026-07-14T15:00:02Z")));

		assertThat(find("Seville", null, "2026-07-14T13:00:00Z", "2026-07-14T14:00:00Z", 100)).extracting(Alert::id)
			.containsExactly("high-temperature/b");
		assertThat(find(null, null, "2026-07-14T12:59:59.999999999Z", "2026-07-14T13:00:00Z", 100))
			.extracting(Alert::id)
			.as("exact to the nanosecond")
			.containsExactly("high-temperature/a");
		assertThat(find("Seville", AlertKind.HEAT_WAVE, null, null, 100)).extracting(Alert::id)
			.containsExactly("heat-wave/Seville/2026-07-14T12:00:00Z");
		assertThat(find(null, AlertKind.HIGH_TEMPERATURE, null, null, 2)).extracting(Alert::id)
			.containsExactly("high-temperature/c", "high-temperature/d");
		assertThat(find("Oslo", null, null, null, 100)).isEmpty();
	}

	@Test
	void keepsInstantsAtTheEndsOfTheContractsYearsInOrder() {
		this.alerts.record(List.of(highTemperature("X", "first", "0000-01-01T00:00:00Z"),
				highTemperature("X", "last", "9999-12-31T23:59:59.999999999Z"),
				highTemperature("X", "now", "2026-07-14T13:00:00Z")));

		assertThat(all()).extracting(Alert::id)
			.containsExactly("high-temperature/last", "high-temperature/now", "high-temperature/first");
		assertThat(all().get(0).from()).isEqualTo("9999-12-31T23:59:59.999999999Z");
		assertThat(find(null, null, "-1000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", 100)).hasSize(3);
		assertThat(find(null, null, "+10000-01-01T00:00:00Z", null, 100)).isEmpty();
		assertThat(find(null, null, null, "0000-01-01T00:00:00Z", 100)).isEmpty();
		assertThat(find(null, null, "0000-01-01T00:00:00Z", "0000-01-01T00:00:00.000000001Z", 100))
			.extracting(Alert::id)
			.containsExactly("high-temperature/first");
	}

	@Test
	void storesNothingForNoAlerts() {
		this.alerts.record(List.of());
		assertThat(this.mongo.getCollection(Alerts.COLLECTION).find().first()).isNull();
	}

	@Test
	void keepsDecimalsAsWritten() {
		this.alerts.record(List.of(new AlertRaised("sentiment-drop/Berlin/2026-07-14T09:15:00Z",
				AlertKind.SENTIMENT_DROP, "Berlin", Instant.parse("2026-07-14T09:15:00Z"),
				Instant.parse("2026-07-14T09:30:00Z"), new BigDecimal("0.6190476190476190476190476190476190"),
				new BigDecimal("0.5"), 21, null, Instant.parse("2026-07-14T09:30:01Z"))));
		Document stored = this.mongo.getCollection(Alerts.COLLECTION).find().first();
		assertThat(stored).isNotNull();
		assertThat(all()).singleElement()
			.satisfies((alert) -> assertThat(alert.value()).hasToString("0.6190476190476190476190476190476190"));
	}

	private List<Alert> all() {
		return this.alerts.find(new AlertQuery(null, null, null, null, 1000));
	}

	private List<Alert> find(@Nullable String location, @Nullable AlertKind kind, @Nullable String from,
			@Nullable String to, int limit) {
		return this.alerts.find(new AlertQuery(location, kind, (from != null) ? Instant.parse(from) : null,
				(to != null) ? Instant.parse(to) : null, limit));
	}

	static AlertRaised heatWave(String location, String from, String raisedAt) {
		Instant start = Instant.parse(from);
		return new AlertRaised("heat-wave/" + location + "/" + from, AlertKind.HEAT_WAVE, location, start,
				start.plusSeconds(3 * 3600), new BigDecimal("36.8"), new BigDecimal("32"), 36, null,
				Instant.parse(raisedAt));
	}

	static AlertRaised highTemperature(String location, String readingId, String observedAt) {
		Instant at = Instant.parse(observedAt);
		return new AlertRaised("high-temperature/" + readingId, AlertKind.HIGH_TEMPERATURE, location, at, at,
				new BigDecimal("41.5"), new BigDecimal("35"), 1, readingId, at.plusSeconds(1));
	}

}
