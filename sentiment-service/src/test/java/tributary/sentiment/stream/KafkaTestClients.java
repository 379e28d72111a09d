package tributary.sentiment.stream;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import tributary.testsupport.Infrastructure;

/**
 * Plain Kafka clients for the tests, the way other programs (kcat, Python) see the
 * topics: strings in, read_committed strings out.
 */
final class KafkaTestClients {

	private KafkaTestClients() {
	}

	/** A producer of JSON strings, without any header unless the record has some. */
	static KafkaProducer<String, String> producer() {
		// One request in flight: on a loaded machine a timed-out request is retried, and
		// with several in flight the broker can see a retried first batch after later
		// ones and reject it as out of sequence.
		return new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers(),
						ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 262144,
						ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
				new StringSerializer(), new StringSerializer());
	}

	/**
	 * Sends records and waits until the broker has them all.
	 * @param records what to send
	 */
	static void send(Collection<ProducerRecord<String, String>> records) {
		try (KafkaProducer<String, String> producer = producer()) {
			List<Future<RecordMetadata>> sent = records.stream().map(producer::send).toList();
			producer.flush();
			for (Future<RecordMetadata> result : sent) {
				result.get(60, TimeUnit.SECONDS);
			}
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not send the test records", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A post as ingest-service publishes it.
	 * @param id its id
	 * @param author its author, also the record key
	 * @param text its text
	 * @return the JSON
	 */
	static String post(String id, String author, String text) {
		return """
				{"id":"%s","platform":"twitter","author":"%s","text":"%s","createdAt":"2026-11-20T09:15:00Z",\
				"lang":"en","location":"Berlin","productId":"hp-200","hashtags":["x"],\
				"ingestedAt":"2026-11-20T09:15:01.250Z"}""".formatted(id, author, text);
	}

	/**
	 * How many records of a topic a consumer group has committed as processed.
	 * @param groupId the group
	 * @param topic the topic
	 * @return the sum of its committed offsets (the topic has no transaction markers)
	 */
	static long committed(String groupId, String topic) {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers()))) {
			Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId)
				.partitionsToOffsetAndMetadata()
				.get(10, TimeUnit.SECONDS);
			return offsets.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().topic().equals(topic) && entry.getValue() != null)
				.mapToLong((entry) -> entry.getValue().offset())
				.sum();
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The end offsets of a topic's partitions, summed: what a consumer group has to
	 * commit to have no lag.
	 * @param topic the topic
	 * @return the sum of its latest offsets
	 */
	static long endOffsets(String topic) {
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers()),
				new StringDeserializer(), new StringDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10))
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
		}
	}

	/** A header's value as text, or null without it. */
	static @Nullable String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), java.nio.charset.StandardCharsets.UTF_8) : null;
	}

}
