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
		assertThat(ApplicationYaml.producer(Map.of()))
			.containsAllEntriesOf(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
					"true", ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5"));
	}

	@Test
	void batchesAreCompressedWithSnappyUnlessTheEnvironmentNamesAnotherCodec() {
		assertThat(ApplicationYaml.producer(Map.of())).containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "snappy");
		assertThat(ApplicationYaml.producer(Map.of("SPRING_KAFKA_PRODUCER_COMPRESSIONTYPE", "lz4")))
			.containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
	}

	@Test
	void aRequestWaitsForTheBrokerAtMostAFewSeconds() {
		assertThat(ApplicationYaml.producer(Map.of())).containsAllEntriesOf(
				Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000", ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000",
						ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "3000"));
	}

	@Test
	void singleEventsLingerOneMillisecondUnlessTheEnvironmentSaysOtherwise() {
		assertThat(ApplicationYaml.producer(Map.of())).containsEntry(ProducerConfig.LINGER_MS_CONFIG, "1");
		assertThat(ApplicationYaml.producer(Map.of("TRIBUTARY_INGEST_LINGER_MS", "5")))
			.containsEntry(ProducerConfig.LINGER_MS_CONFIG, "5");
	}

}
