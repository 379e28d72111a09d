package tributary.alerts.topology;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tributary.testsupport.contracts.ContractSchemas;
import tributary.alerts.rules.Reading;
import tributary.alerts.rules.ScoredPost;
import tributary.testsupport.corpus.Corpus;
import tributary.testsupport.corpus.CorpusRecord;
import tributary.testsupport.corpus.Topic;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project's corpus of valid, unusual and hostile records through the topology: none
 * makes it throw, each record the contract says must be dead-lettered is, each it says
 * must be processed is (and raises its high-temperature alert when it should), and every
 * alert validates against the weather_alerts schema.
 * {@code -Dtributary.corpus.size=20000} runs a larger corpus.
 */
class CorpusTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void everyReadingIsProcessedOrDeadLetteredAsItsContractSays() {
		long seed = Corpus.seed(20261213L);
		List<CorpusRecord> corpus = new Corpus(seed, "a" + Long.toHexString(seed)).records(Topic.READING,
				Corpus.size(1500));
		try (AlertsDriver alerts = new AlertsDriver()) {
			pipe(corpus, (key, value, at) -> alerts.readings.pipeInput(key, value, at));

			Map<Long, byte[]> dead = deadLetters(alerts.readingDeadLetters.readRecordsToList());
			List<TestRecord<String, String>> raised = alerts.alerts();

			Set<String> alertIds = new HashSet<>();
			for (TestRecord<String, String> alert : raised) {
				ContractSchemas.assertValid("weather_alerts", alert.value());
				alertIds.add(json.readTree(alert.value()).get("id").stringValue());
			}
			int processed = 0;
			for (int offset = 0; offset < corpus.size(); offset++) {
				CorpusRecord record = corpus.get(offset);
				if (record.mustBeDeadLettered(Reading.FIELDS)) {
					assertThat(dead).as("%s", record).containsKey((long) offset);
					assertThat(dead.get((long) offset)).as("%s", record).isEqualTo(record.value());
				}
				else if (record.mustBeProcessed(Reading.FIELDS, false)) {
					assertThat(dead).as("%s", record).doesNotContainKey((long) offset);
					JsonNode reading = json.readTree(record.value());
					boolean hot = reading.get("temperatureC").doubleValue() >= 35;
					assertThat(alertIds.contains("high-temperature/" + reading.get("id").stringValue()))
						.as("alert of %s", record)
						.isEqualTo(hot);
					processed++;
				}
			}
			assertThat(processed).as("valid readings in the corpus").isGreaterThan(corpus.size() / 4);
			assertThat(dead.size()).as("dead letters").isGreaterThan(corpus.size() / 4);
		}
	}

	@Test
	void everyScoredPostIsProcessedOrDeadLetteredAsItsContractSays() {
		long seed = Corpus.seed(20261214L);
		List<CorpusRecord> corpus = new Corpus(seed, "b" + Long.toHexString(seed)).records(Topic.SENTIMENT,
				Corpus.size(1500));
		try (AlertsDriver alerts = new AlertsDriver()) {
			pipe(corpus, (key, value, at) -> alerts.posts.pipeInput(key, value, at));
			// Closes every window the valid posts opened.
			alerts.post("close", "Oslo", "2026-12-31T00:00:00Z", "neutral");

			Map<Long, byte[]> dead = deadLetters(alerts.postDeadLetters.readRecordsToList());

			for (TestRecord<String, String> alert : alerts.alerts()) {
				ContractSchemas.assertValid("weather_alerts", alert.value());
			}
			for (int offset = 0; offset < corpus.size(); offset++) {
				CorpusRecord record = corpus.get(offset);
				if (record.mustBeDeadLettered(ScoredPost.FIELDS)) {
					assertThat(dead).as("%s", record).containsKey((long) offset);
					assertThat(dead.get((long) offset)).as("%s", record).isEqualTo(record.value());
				}
				else if (record.mustBeProcessed(ScoredPost.FIELDS, false)) {
					assertThat(dead).as("%s", record).doesNotContainKey((long) offset);
				}
			}
			assertThat(dead.size()).as("dead letters").isGreaterThan(corpus.size() / 4);
		}
	}

	private static void pipe(List<CorpusRecord> corpus, Input input) {
		Instant at = Instant.parse("2026-11-20T09:00:00Z");
		for (int i = 0; i < corpus.size(); i++) {
			CorpusRecord record = corpus.get(i);
			String key = (record.id() != null) ? record.id() : "k" + i;
			input.pipe(AlertsDriver.utf8(key), record.value(), at.plusSeconds(i));
		}
	}

	/** The dead letters by the offset of their original record. */
	private static Map<Long, byte[]> deadLetters(List<TestRecord<byte[], byte[]>> records) {
		Map<Long, byte[]> dead = new HashMap<>();
		List<Long> duplicates = new ArrayList<>();
		for (TestRecord<byte[], byte[]> record : records) {
			long offset = ByteBuffer.wrap(DeadLetterTests.bytes(record, "kafka_dlt-original-offset")).getLong();
			assertThat(DeadLetterTests.header(record, "tributary-dead-letter-reason")).isNotBlank();
			if (dead.containsKey(offset)) {
				duplicates.add(offset);
			}
			dead.put(offset, record.value());
		}
		assertThat(duplicates).as("records dead-lettered twice").isEmpty();
		return dead;
	}

	@FunctionalInterface
	private interface Input {

		void pipe(byte[] key, byte @org.jspecify.annotations.Nullable [] value, Instant at);

	}

}
