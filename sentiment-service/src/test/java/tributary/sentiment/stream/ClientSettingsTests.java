package tributary.sentiment.stream;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import tools.jackson.databind.json.JsonMapper;

import tributary.sentiment.system.SentimentProperties;
import tributary.testsupport.settings.ApplicationYaml;
import tributary.testsupport.settings.StaticMembership;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each poll of posts is one transaction, whose cost to the broker does not depend on how
 * many posts it holds: the service's own configuration makes a fetch wait for 256 KB or
 * 250 ms, and each of the two can be changed through the environment without touching the
 * other services that share it. Its scores leave compressed with snappy, which costs a
 * third to two-fifths of lz4's CPU per batch from a Spring Boot jar
 * (bench/compression/BENCHMARKS.md), and wait for the commit, which sends them in one
 * request, instead of leaving every few milliseconds while the poll is scored. Its
 * consumer is a static member of the group when the environment names the instance, so
 * that an instance restarted after a crash resumes at once instead of after its
 * predecessor's session (RELIABILITY.md, kill-sentiment).
 */
class ClientSettingsTests {

	@Test
	void aFetchWaitsFor256KilobytesOr250MillisecondsByDefault() {
		Map<String, Object> consumer = ApplicationYaml.consumer(Map.of());

		assertThat(consumer).containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 256 * 1024)
			.containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 250);
	}

	@Test
	void eachSettingComesFromItsOwnEnvironmentVariable() {
		Map<String, Object> consumer = ApplicationYaml.consumer(
				Map.of("TRIBUTARY_SENTIMENT_FETCH_MIN_SIZE", "64KB", "TRIBUTARY_SENTIMENT_FETCH_MAX_WAIT", "100ms"));

		assertThat(consumer).containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024)
			.containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
	}

	@Test
	void scoresWaitForTheCommitUnlessTheEnvironmentSaysOtherwise() {
		assertThat(ApplicationYaml.producer(Map.of())).containsEntry(ProducerConfig.LINGER_MS_CONFIG, "1000");
		assertThat(ApplicationYaml.producer(Map.of("TRIBUTARY_SENTIMENT_LINGER_MS", "5")))
			.containsEntry(ProducerConfig.LINGER_MS_CONFIG, "5");
	}

	@Test
	void scoresAreCompressedWithSnappyUnlessTheEnvironmentNamesAnotherCodec() {
		assertThat(ApplicationYaml.producer(Map.of())).containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "snappy");
		assertThat(ApplicationYaml.producer(Map.of("SPRING_KAFKA_PRODUCER_COMPRESSIONTYPE", "lz4")))
			.containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
	}

	@Test
	void theConsumerIsAStaticMemberOnlyWhenTheEnvironmentNamesTheInstance() {
		StaticMembership.assertNamedBy("TRIBUTARY_SENTIMENT_INSTANCE_ID", ClientSettingsTests::postConsumer);
		assertThat(postConsumer(Map.of("TRIBUTARY_SENTIMENT_INSTANCE_ID", "sentiment-0")))
			.containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
	}

	private static Map<String, Object> postConsumer(Map<String, Object> environment) {
		SentimentProperties properties = ApplicationYaml.binder(environment)
			.bind("tributary.sentiment", SentimentProperties.class)
			.get();
		DefaultKafkaConsumerFactory<Object, Object> factory = new DefaultKafkaConsumerFactory<>(
				ApplicationYaml.consumer(environment));
		new StreamConfiguration().postConsumers(JsonMapper.builder().build(), properties).customize(factory);
		return factory.getConfigurationProperties();
	}

}
