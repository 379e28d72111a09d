package tributary.sentiment.stream;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;
import tributary.sentiment.engine.SentimentScorer;
import tributary.sentiment.system.SentimentProperties;
import tributary.support.text.Utf8;
import tributary.support.topics.DeclaredTopics;
import tributary.support.topics.TopicsProperties;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.kafka.transaction.KafkaTransactionManager;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Kafka wiring of the stream on top of Spring Boot's factories, so that connection
 * details, client metrics and the {@code spring.kafka.*} tuning in application.yml still
 * apply.
 *
 * <p>
 * What exactly-once depends on is set here in code rather than in application.yml, where
 * an environment variable could switch it off: transactional producers with
 * {@code acks=all} and idempotence, read_committed consumers without auto-commit.
 */
@Configuration(proxyBeanMethods = false)
class StreamConfiguration {

	@Bean
	StreamMetrics streamMetrics(MeterRegistry registry) {
		return new StreamMetrics(registry);
	}

	@Bean
	PostScorer postScorer(SentimentScorer scorer, StreamMetrics metrics) {
		return new PostScorer(scorer, metrics, Clock.systemUTC());
	}

	@Bean
	DefaultKafkaConsumerFactoryCustomizer postConsumers(JsonMapper jsonMapper, SentimentProperties properties) {
		String instanceId = properties.stream().instanceId();
		return (factory) -> {
			@SuppressWarnings("unchecked")
			DefaultKafkaConsumerFactory<String, Post> posts = (DefaultKafkaConsumerFactory<String, Post>) factory;
			posts.setKeyDeserializerSupplier(StringDeserializer::new);
			// A record that is not a valid post becomes a null value with the error in a
			// header instead of an exception in poll(), which would stop the partition.
			// Type headers are ignored: the contract is the JSON, not a Java class name
			// some producer wrote.
			posts.setValueDeserializerSupplier(() -> postDeserializer(jsonMapper));
			posts.updateConfigs(Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
					ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
			if (instanceId != null) {
				// Static membership: a restarted instance resumes at once
				// (SentimentProperties).
				posts.updateConfigs(Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId));
			}
		};
	}

	@Bean
	DefaultKafkaProducerFactoryCustomizer transactionalProducers(JsonMapper jsonMapper,
			SentimentProperties properties) {
		SentimentProperties.Stream stream = properties.stream();
		return (factory) -> {
			@SuppressWarnings("unchecked")
			DefaultKafkaProducerFactory<String, Object> producers = (DefaultKafkaProducerFactory<String, Object>) factory;
			producers.setKeySerializerSupplier(StringSerializer::new);
			producers.setValueSerializerSupplier(() -> valueSerializer(jsonMapper));
			// Unique per process: with a fixed id, two instances would fence each
			// other's producers in turn. The price of a fresh id: a transaction left
			// open by a crashed process is aborted by the broker after the
			// transaction timeout, not at once by its successor.
			producers.setTransactionIdPrefix(stream.transactionIdPrefix() + UUID.randomUUID() + "-");
			// A dead letter is its post plus headers; one refused as too large would
			// abort every retry of its transaction.
			producers.updateConfigs(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
					true, ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) stream.transactionTimeout().toMillis(),
					ProducerConfig.MAX_REQUEST_SIZE_CONFIG, DeclaredTopics.DEAD_LETTER_MAX_MESSAGE_BYTES));
		};
	}

	static Deserializer<Post> postDeserializer(JsonMapper jsonMapper) {
		return new ErrorHandlingDeserializer<>(
				new StrictUtf8<>(new JacksonJsonDeserializer<>(Post.class, jsonMapper, false)));
	}

	/**
	 * Refuses values that are not strict UTF-8 before the JSON parser, which takes some
	 * invalid sequences (overlong forms) as other characters than were sent.
	 */
	private record StrictUtf8<T>(Deserializer<T> delegate) implements Deserializer<T> {

		@Override
		public void configure(Map<String, ?> configs, boolean isKey) {
			this.delegate.configure(configs, isKey);
		}

		@Override
		public T deserialize(String topic, byte[] data) {
			return this.delegate.deserialize(topic, checked(data));
		}

		@Override
		public T deserialize(String topic, Headers headers, byte[] data) {
			return this.delegate.deserialize(topic, headers, checked(data));
		}

		private static byte[] checked(byte[] data) {
			int invalid = (data != null) ? Utf8.firstInvalid(data) : -1;
			if (invalid >= 0) {
				throw new SerializationException("not UTF-8: invalid byte sequence at byte " + invalid);
			}
			return data;
		}

		@Override
		public void close() {
			this.delegate.close();
		}

	}

	/**
	 * Scored posts as JSON, dead-lettered records as the bytes they arrived with. One
	 * serializer for both, because one producer must write both inside the same
	 * transaction.
	 */
	static Serializer<Object> valueSerializer(JsonMapper jsonMapper) {
		Map<Class<?>, Serializer<?>> delegates = new LinkedHashMap<>();
		delegates.put(byte[].class, new ByteArraySerializer());
		delegates.put(Object.class, new JacksonJsonSerializer<>(jsonMapper).noTypeInfo());
		return new DelegatingByTypeSerializer(delegates, true);
	}

	// <Object, Object>: Boot hands the listener containers a transaction manager of
	// exactly that type; any other would leave them without transactions.
	@Bean
	KafkaTransactionManager<Object, Object> kafkaTransactionManager(ProducerFactory<Object, Object> producerFactory) {
		return new KafkaTransactionManager<>(producerFactory);
	}

	/**
	 * Retries a rolled-back batch from its first record, backing off, for as long as it
	 * takes: the reasons a transaction fails (broker down, fenced producer, timeout)
	 * pass, and skipping the batch would lose posts.
	 */
	@Bean
	DefaultAfterRollbackProcessor<Object, Object> afterRollbackProcessor(SentimentProperties properties) {
		SentimentProperties.Stream stream = properties.stream();
		ExponentialBackOff backOff = new ExponentialBackOff(Math.max(1, stream.retryInitialInterval().toMillis()), 2.0);
		backOff.setMaxInterval(stream.retryMaxInterval().toMillis());
		return new DefaultAfterRollbackProcessor<>(backOff);
	}

	/**
	 * Publishes a record that cannot be scored to the dead-letter topic of its topic,
	 * same partition, with Spring Kafka's standard headers
	 * ({@code kafka_dlt-exception-fqcn}, {@code -message}, {@code -original-topic},
	 * {@code -original-partition}, {@code -original-offset} ...). Called inside the
	 * listener's transaction, it sends in that transaction.
	 */
	@Bean
	DeadLetterPublishingRecoverer deadLetterPublishingRecoverer(KafkaOperations<String, Object> kafka,
			TopicsProperties topics) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka,
				(record, ex) -> new TopicPartition(topics.deadLetter(record.topic()), record.partition()));
		recoverer.setHeadersFunction(StreamConfiguration::explainedFailure);
		// Inside the transaction a failed send fails the commit and the batch is
		// retried: waiting for each send would let a poll full of poison records
		// outlast the transaction timeout.
		recoverer.setFailIfSendResultIsError(false);
		return recoverer;
	}

	/**
	 * For a record that could not be deserialized the recoverer describes the exception
	 * the deserializer left in the record's header, whose message is only "failed to
	 * deserialize"; these headers replace the message and the cause with those of the
	 * exception the listener passed, which say what is wrong with the post.
	 */
	private static Headers explainedFailure(ConsumerRecord<?, ?> record, Exception failure) {
		Headers headers = new RecordHeaders();
		if (failure.getMessage() != null) {
			headers.add(new DeadLetterPublishingRecoverer.SingleRecordHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE,
					failure.getMessage().getBytes(StandardCharsets.UTF_8)));
		}
		if (failure.getCause() != null) {
			headers.add(new DeadLetterPublishingRecoverer.SingleRecordHeader(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN,
					failure.getCause().getClass().getName().getBytes(StandardCharsets.UTF_8)));
		}
		return headers;
	}

}
