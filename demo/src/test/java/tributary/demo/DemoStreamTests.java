package tributary.demo;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tributary.demo.DemoEvent.Kind;
import tributary.sentiment.engine.SentimentLabel;
import tributary.sentiment.engine.SentimentScorer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's stream against the shared agreement: in the backfill exactly one reading at
 * or above 35 °C, Seville's, inside one epoch-aligned 3 h window that averages above 32
 * °C and closes before the backfill ends; every other reading below 35 °C and no other
 * window of any city above 32 °C; Seville's posts mostly negative during the spike
 * (enough for a sentiment-drop alert) and no other 15-min window of ten posts or more
 * mostly negative, as the sentiment engine labels the texts; every event valid under its
 * topic's contract once ingest has stamped it.
 */
class DemoStreamTests {

	private static final ObjectMapper json = new ObjectMapper();

	/** The backfill takes 37 s of the run; a minute of live stream follows. */
	private static final int SECONDS = 100;

	private static final long WINDOW_15_MIN = Duration.ofMinutes(15).toSeconds();

	@ParameterizedTest(name = "seed {0}, run start {1}, {2} events/s")
	@CsvSource({ "13, 2026-12-02T07:49:13Z, 50", "7, 2026-12-02T09:15:00Z, 50", "99, 2026-12-02T12:00:00Z, 30",
			"13, 2026-07-14T16:20:00Z, 200" })
	void theBackfillHasExactlyOneHeatSpikeAsAgreed(long seed, String start, int rate) throws IOException {
		Instant runStart = Instant.parse(start);
		DemoStream stream = new DemoStream(seed, new SimulatedClock(runStart), rate);
		List<Reading> readings = new ArrayList<>();
		for (long second = 0; second < SECONDS; second++) {
			for (DemoEvent event : stream.second(second)) {
				if (event.kind() == Kind.READING) {
					JsonNode node = json.readTree(event.json());
					readings.add(new Reading(node.get("location").asText(),
							Instant.parse(node.get("observedAt").asText()), node.get("temperatureC").asDouble()));
				}
			}
		}
		Instant heat = stream.heatStart();
		assertThat(heat.getEpochSecond() % DemoStream.HEAT_WINDOW.toSeconds()).as("aligned to the epoch").isZero();
		assertThat(heat.plus(DemoStream.HEAT_WINDOW).plus(Duration.ofMinutes(10)))
			.as("closed, grace included, before the backfill ends")
			.isBefore(runStart);

		List<Reading> high = readings.stream().filter((reading) -> reading.temperatureC() >= 35).toList();
		assertThat(high).singleElement().satisfies((reading) -> {
			assertThat(reading.location()).isEqualTo("Seville");
			assertThat(reading.observedAt()).isBetween(heat, heat.plus(DemoStream.HEAT_WINDOW).minusNanos(1));
		});

		Map<String, List<Double>> windows = new TreeMap<>();
		for (Reading reading : readings) {
			long start3h = Math.floorDiv(reading.observedAt().getEpochSecond(), DemoStream.HEAT_WINDOW.toSeconds());
			windows.computeIfAbsent(reading.location() + "@" + start3h, (key) -> new ArrayList<>())
				.add(reading.temperatureC());
		}
		String spikeWindow = "Seville@" + heat.getEpochSecond() / DemoStream.HEAT_WINDOW.toSeconds();
		assertThat(windows.get(spikeWindow)).as("readings in the spike's window").hasSizeGreaterThanOrEqualTo(3);
		assertThat(mean(windows.get(spikeWindow))).isGreaterThan(32);
		windows.forEach((window, temperatures) -> {
			if (!window.equals(spikeWindow)) {
				assertThat(mean(temperatures)).as(window).isLessThanOrEqualTo(32);
			}
		});
	}

	@ParameterizedTest(name = "{0} events/s")
	@CsvSource({ "30", "50", "400" })
	void postsAboutSevilleTurnNegativeDuringTheSpikeAndNowhereElse(int rate) throws IOException {
		for (SentimentScorer scorer : TextsTests.scorers) {
			assertDropsOnlyInSevilleDuringTheSpike(rate, scorer);
		}
	}

	private static void assertDropsOnlyInSevilleDuringTheSpike(int rate, SentimentScorer scorer) throws IOException {
		Instant runStart = Instant.parse("2026-12-02T07:49:13Z");
		DemoStream stream = new DemoStream(13, new SimulatedClock(runStart), rate);
		Map<String, int[]> windows = new TreeMap<>();
		for (long second = 0; second < 45; second++) {
			for (DemoEvent event : stream.second(second)) {
				if (event.kind() == Kind.POST) {
					JsonNode node = json.readTree(event.json());
					long window = Math.floorDiv(Instant.parse(node.get("createdAt").asText()).getEpochSecond(),
							WINDOW_15_MIN);
					int[] counts = windows.computeIfAbsent(node.get("location").asText() + "@" + window,
							(key) -> new int[2]);
					counts[0]++;
					if (scorer.score(node.get("text").asText()).label() == SentimentLabel.NEGATIVE) {
						counts[1]++;
					}
				}
			}
		}
		long heatFrom = stream.heatStart().getEpochSecond() / WINDOW_15_MIN;
		long heatTo = heatFrom + DemoStream.HEAT_WINDOW.toSeconds() / WINDOW_15_MIN;
		List<String> drops = new ArrayList<>();
		windows.forEach((window, counts) -> {
			if (counts[0] >= 10 && counts[1] * 2 > counts[0]) {
				drops.add(window);
			}
		});
		assertThat(drops).as("15-min windows with ten posts or more, mostly negative, by %s", scorer.version())
			.isNotEmpty()
			.allSatisfy((drop) -> {
				assertThat(drop).startsWith("Seville@");
				assertThat(Long.parseLong(drop.substring("Seville@".length()))).isBetween(heatFrom, heatTo - 1);
			});
	}

	@Test
	void everyEventIsValidUnderItsTopicsContractOnceIngestHasStampedIt() throws IOException {
		Map<Kind, JsonSchema> schemas = Map.of(Kind.READING, schema("weather_data"), Kind.POST, schema("social_media"),
				Kind.FEEDBACK, schema("customer_feedback"));
		DemoStream stream = new DemoStream(5, new SimulatedClock(Instant.parse("2026-12-02T07:49:13Z")), 100);
		Set<String> ids = new HashSet<>();
		Map<Kind, Integer> kinds = new HashMap<>();
		for (long second = 0; second < 30; second++) {
			for (DemoEvent event : stream.second(second)) {
				ObjectNode value = (ObjectNode) json.readTree(event.json());
				assertThat(value.get("id").asText()).isEqualTo(event.id());
				value.put("ingestedAt", "2026-12-02T08:00:00Z");
				assertThat(schemas.get(event.kind()).validate(value)).as(event.json()).isEmpty();
				assertThat(ids.add(event.id())).as("unique id %s", event.id()).isTrue();
				kinds.merge(event.kind(), 1, Integer::sum);
			}
		}
		assertThat(kinds).containsOnlyKeys(Kind.values());
		assertThat(ids).hasSize(3000);
	}

	@Test
	void theSameSeedAndStartGiveTheSameStream() {
		Instant runStart = Instant.parse("2026-12-02T07:49:13Z");
		assertThat(events(13, runStart)).isEqualTo(events(13, runStart)).isNotEqualTo(events(14, runStart));
	}

	private static List<String> events(long seed, Instant runStart) {
		DemoStream stream = new DemoStream(seed, new SimulatedClock(runStart), 50);
		List<String> events = new ArrayList<>();
		for (long second = 0; second < 40; second++) {
			stream.second(second).forEach((event) -> events.add(event.json()));
		}
		return events;
	}

	private static double mean(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
	}

	private static JsonSchema schema(String topic) throws IOException {
		try (InputStream in = DemoStreamTests.class.getResourceAsStream("/contracts/" + topic + ".schema.json")) {
			return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
				.getSchema(in, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
		}
	}

	record Reading(String location, Instant observedAt, double temperatureC) {
	}

}
