package tributary.warehouse.intake;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.support.topics.DeclaredTopics;
import tributary.warehouse.alerts.Alerts;
import tributary.warehouse.events.EventReader;
import tributary.warehouse.events.RawEvents;
import tributary.warehouse.events.SourceTopics;
import tributary.warehouse.events.TopicIds;
import tributary.warehouse.insights.Aggregates;
import tributary.warehouse.system.WarehouseProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The consumer of the source topics: one batch listener container in group
 * {@code tributary.warehouse.consumer.group-id}; its listener id is {@code warehouse}.
 *
 * <p>
 * It is built here rather than with {@code @KafkaListener} (as sentiment's is) because
 * what it runs is an object, {@link IncarnationCheck} around {@link WarehouseListener},
 * not an annotated method, and because it needs its own consumer properties (raw bytes,
 * {@code read_committed}, fetch sizes) and an error handler that retries forever, all
 * from {@link WarehouseProperties}. An annotation could carry them only as placeholders
 * or bean expressions on a customised container factory; here they are plain Java.
 */
@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

	private static final Logger log = LoggerFactory.getLogger(IntakeConfiguration.class);

	/**
	 * How long a topic's id is trusted without describing the topic again, when nothing
	 * suggests it was recreated.
	 */
	private static final Duration TOPIC_IDS_MAX_AGE = Duration.ofSeconds(10);

	@Bean
	KafkaTemplate<byte[], byte[]> deadLetterTemplate(ProducerFactory<?, ?> producerFactory) {
		@SuppressWarnings("unchecked")
		ProducerFactory<byte[], byte[]> bytes = (ProducerFactory<byte[], byte[]>) producerFactory;
		// Dead letters are the consumed bytes, published unchanged, plus headers: a
		// record at its topic's size limit must still fit.
		return new KafkaTemplate<>(bytes,
				Map.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
						ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
						ProducerConfig.MAX_REQUEST_SIZE_CONFIG, DeclaredTopics.DEAD_LETTER_MAX_MESSAGE_BYTES));
	}

	@Bean
	WarehouseListener warehouseListener(SourceTopics topics, EventReader reader, RawEvents rawEvents,
			Aggregates aggregates, Alerts alerts, KafkaTemplate<byte[], byte[]> deadLetterTemplate,
			IntakeMetrics metrics, WarehouseProperties properties) {
		DeadLetters deadLetters = new DeadLetters(deadLetterTemplate, topics, properties.consumer().groupId());
		return new WarehouseListener(topics, reader, rawEvents, aggregates, alerts, deadLetters, metrics);
	}

	@Bean(name = "warehouse")
	ConcurrentMessageListenerContainer<?, ?> warehouseContainer(ConcurrentKafkaListenerContainerFactory<?, ?> factory,
			SourceTopics topics, WarehouseListener listener, TopicIds topicIds, WarehouseProperties properties) {
		WarehouseProperties.Consumer consumer = properties.consumer();
		ConcurrentMessageListenerContainer<?, ?> container = factory
			.createContainer(topics.names().toArray(String[]::new));
		ContainerProperties containerProperties = container.getContainerProperties();
		containerProperties.setGroupId(consumer.groupId());
		containerProperties.setClientId("warehouse");
		containerProperties
			.setMessageListener(new IncarnationCheck(listener, topicIds, TOPIC_IDS_MAX_AGE, Clock.systemUTC()));
		// Each stored batch is acknowledged, and what is acknowledged is committed once
		// per commit-interval (and when partitions are revoked or the consumer stops):
		// a commit per batch was most of the broker's work for the warehouse beyond
		// fetching (bench/warehouse-vs-connector/BENCHMARKS.md). An idle consumer comes
		// back from poll at the latest every interval, so the last batch is committed.
		Duration commitInterval = consumer.commitInterval();
		if (commitInterval.isZero()) {
			containerProperties.setAckMode(ContainerProperties.AckMode.BATCH);
		}
		else {
			containerProperties.setAckMode(ContainerProperties.AckMode.TIME);
			containerProperties.setAckTime(commitInterval.toMillis());
			containerProperties
				.setPollTimeout(Math.min(commitInterval.toMillis(), containerProperties.getPollTimeout()));
		}
		containerProperties.setKafkaConsumerProperties(consumerProperties(consumer));
		container.setConcurrency(consumer.concurrency());
		container.setCommonErrorHandler(new BatchRetries(errorHandler(consumer)));
		return container;
	}

	static Properties consumerProperties(WarehouseProperties.Consumer consumer) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
		// A new group (first start, or a replay) starts from the
		// beginning: nothing is skipped.
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		// Records of aborted producer transactions never reach the store.
		properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
		properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(consumer.maxPollRecords()));
		properties.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, Long.toString(consumer.fetchMinSize().toBytes()));
		properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, Long.toString(consumer.fetchMaxWait().toMillis()));
		String instanceId = consumer.instanceId();
		if (instanceId != null) {
			// Static membership (WarehouseProperties); the container numbers it per
			// consumer: -0, -1...
			properties.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
		}
		return properties;
	}

	/**
	 * Retries a failed batch for as long as it takes, never dead-letters it: the listener
	 * dead-letters every record that fails on its own and throws only what {@link Faults}
	 * calls transient (the store or the broker), so the records of a failed batch are
	 * good. Nothing is committed while retrying; the consumer stays paused in its group.
	 * {@link BatchRetries} decides what becomes of the stored batch's offsets.
	 */
	private static DefaultErrorHandler errorHandler(WarehouseProperties.Consumer consumer) {
		ExponentialBackOff backOff = new ExponentialBackOff(consumer.retryInitialInterval().toMillis(), 2.0);
		backOff.setMaxInterval(consumer.retryMaxInterval().toMillis());
		backOff.setMaxElapsedTime(Long.MAX_VALUE);
		backOff.setMaxAttempts(Long.MAX_VALUE);
		DefaultErrorHandler handler = new DefaultErrorHandler((record, ex) -> {
			// Unreachable with a back-off that never ends; if it were reached, re-seek
			// rather than drop.
			throw new KafkaException("Records are never given up on: " + ex.getMessage(), ex);
		}, backOff);
		// Every failure reaching the handler is transient: about the store or the broker.
		handler.setClassifications(Map.of(), true);
		handler.setRetryListeners(new RetryListener() {
			@Override
			public void failedDelivery(org.apache.kafka.clients.consumer.ConsumerRecord<?, ?> record,
					@Nullable Exception ex, int deliveryAttempt) {
			}

			@Override
			public void failedDelivery(org.apache.kafka.clients.consumer.ConsumerRecords<?, ?> records, Exception ex,
					int attempt) {
				log.warn("Could not store a batch of {} records (attempt {}), retrying: {}", records.count(), attempt,
						rootMessage(ex));
			}
		});
		return handler;
	}

	private static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause.getClass().getSimpleName() + ": " + cause.getMessage();
	}

}
