package tributary.ingest.publishing;

import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import tributary.testsupport.settings.ApplicationYaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the service's own configuration gives its producer. A 202 promises that every
 * in-sync replica has the event and that a retry will not write it twice, so those
 * settings are pinned here; so are the codec, which costs a third to two-fifths of lz4's
 * CPU per batch from a Spring Boot jar (bench/compression/BENCHMARKS.md), and the
 * timeouts that bound a request while the broker is away.
 */
class ProducerSettingsTests {

	@Test
	void anEventIsAcknowledgedOnlyOnceEveryInSyncReplicaHasItAndRetriesNeverWriteItTwice() {
		Map<String, Object> producer = ApplicationYaml.kafka(Map.of()).buildProducerProperties();

		assertThat(producer).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
			.containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")
			.containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
	}

	@Test
	void batchesAreCompressedWithSnappyUnlessTheEnvironmentNamesAnotherCodec() {
		assertThat(ApplicationYaml.kafka(Map.of()).buildProducerProperties())
			.containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "snappy");
		assertThat(
				ApplicationYaml.kafka(Map.of("SPRING_KAFKA_PRODUCER_COMPRESSIONTYPE", "lz4")).buildProducerProperties())
			.containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
	}

	@Test
	void aRequestWaitsForTheBrokerAtMostAFewSeconds() {
		Map<String, Object> producer = ApplicationYaml.kafka(Map.of()).buildProducerProperties();

		assertThat(producer).containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000")
			.containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000")
			.containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "3000");
	}

	@Test
	void singleEventsLingerOneMillisecondUnlessTheEnvironmentSaysOtherwise() {
		assertThat(ApplicationYaml.kafka(Map.of()).buildProducerProperties())
			.containsEntry(ProducerConfig.LINGER_MS_CONFIG, "1");
		assertThat(ApplicationYaml.kafka(Map.of("TRIBUTARY_INGEST_LINGER_MS", "5")).buildProducerProperties())
			.containsEntry(ProducerConfig.LINGER_MS_CONFIG, "5");
	}

}
