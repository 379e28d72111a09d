package tributary.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What a read_committed reader finds on a topic of the tests' broker: the proof of
 * exactly-once that the services' tests assert on.
 */
public final class CommittedRecords {

	private static final Duration BOUND = Duration.ofSeconds(30);

	private CommittedRecords() {
	}

	/**
	 * Everything committed on a topic so far: each partition read from its beginning to
	 * its last stable offset, so never an open transaction's records nor an aborted
	 * one's.
	 * @param topic the topic
	 * @return its records, partition after partition
	 * @throws IllegalStateException if the topic cannot be read to its end within 30 s
	 */
	public static List<ConsumerRecord<String, String>> of(String topic) {
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers(),
						ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
				new StringDeserializer(), new StringDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10))
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			// For a read_committed consumer the end is the last stable offset.
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			List<ConsumerRecord<String, String>> records = new ArrayList<>();
			Instant deadline = Instant.now().plus(BOUND);
			while (partitions.stream()
				.anyMatch((partition) -> consumer.position(partition) < ends.getOrDefault(partition, 0L))) {
				if (Instant.now().isAfter(deadline)) {
					throw new IllegalStateException("Could not read " + topic + " to its end " + ends);
				}
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
			return records;
		}
	}

}
