package tributary.warehouse.intake;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.TopicPartitionOffset;

/**
 * Retries a failed batch until it is stored ({@link DefaultErrorHandler} with a back-off
 * that never ends), then commits the offsets of the batch's partitions that this consumer
 * still owns, and only those.
 *
 * <p>
 * The retries poll the consumer between attempts, to stay in the group, so the group may
 * rebalance in the middle of them (an instance joins or leaves while the store is away).
 * A partition revoked then is read by its new owner from the last committed offset,
 * stored again (the store recognises what it has) and committed, possibly past this
 * batch. The container would commit the whole retried batch once it is stored, the
 * revoked partitions included; landing after the new owner's commit, that older offset
 * would move the group back, and with nothing new arriving no consumer would ever commit
 * those records again: they would show as lag for good and be read again after the next
 * restart. So the container commits nothing after a retried batch, and this commits the
 * partitions still assigned. If that commit fails, those partitions are read again from
 * the batch's first offsets: stored again as redelivered, then committed as usual.
 */
final class BatchRetries implements CommonErrorHandler {

	private static final Logger log = LoggerFactory.getLogger(BatchRetries.class);

	private final DefaultErrorHandler retries;

	BatchRetries(DefaultErrorHandler retries) {
		this.retries = retries;
	}

	@Override
	public void handleBatch(Exception thrownException, ConsumerRecords<?, ?> data, Consumer<?, ?> consumer,
			MessageListenerContainer container, Runnable invokeListener) {
		this.retries.handleBatch(thrownException, data, consumer, container, invokeListener);
		commitOwned(data, consumer);
	}

	/** Commits the stored batch's partitions this consumer owns now. */
	static void commitOwned(ConsumerRecords<?, ?> data, Consumer<?, ?> consumer) {
		Set<TopicPartition> assignment = consumer.assignment();
		Map<TopicPartition, OffsetAndMetadata> owned = new LinkedHashMap<>();
		Map<TopicPartition, Long> firsts = new LinkedHashMap<>();
		for (TopicPartition partition : data.partitions()) {
			List<? extends ConsumerRecord<?, ?>> records = data.records(partition);
			if (assignment.contains(partition) && !records.isEmpty()) {
				firsts.put(partition, records.get(0).offset());
				owned.put(partition, new OffsetAndMetadata(records.get(records.size() - 1).offset() + 1));
			}
		}
		if (owned.size() < data.partitions().size()) {
			log.info("A retried batch is stored; committing {} of its {} partitions, the others were reassigned",
					owned.size(), data.partitions().size());
		}
		if (owned.isEmpty()) {
			return;
		}
		try {
			consumer.commitSync(owned);
		}
		catch (KafkaException ex) {
			log.warn("Could not commit a retried batch ({}); reading its partitions {} again", ex.toString(),
					owned.keySet());
			firsts.forEach(consumer::seek);
		}
	}

	@Override
	public <K, V> ConsumerRecords<K, V> handleBatchAndReturnRemaining(Exception thrownException,
			ConsumerRecords<?, ?> data, Consumer<?, ?> consumer, MessageListenerContainer container,
			Runnable invokeListener) {
		handleBatch(thrownException, data, consumer, container, invokeListener);
		return ConsumerRecords.empty();
	}

	/**
	 * The commit after a retried batch is {@link #commitOwned}'s, not the container's.
	 */
	@Override
	public boolean isAckAfterHandle() {
		return false;
	}

	@Override
	public boolean seeksAfterHandling() {
		return this.retries.seeksAfterHandling();
	}

	@Override
	public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions,
			Runnable publishPause) {
		// Pauses newly assigned partitions while this consumer retries a batch.
		this.retries.onPartitionsAssigned(consumer, partitions, publishPause);
	}

	@Override
	public void handleOtherException(Exception thrownException, Consumer<?, ?> consumer,
			MessageListenerContainer container, boolean batchListener) {
		this.retries.handleOtherException(thrownException, consumer, container, batchListener);
	}

	@Override
	public boolean deliveryAttemptHeader() {
		return this.retries.deliveryAttemptHeader();
	}

	@Override
	public int deliveryAttempt(TopicPartitionOffset topicPartitionOffset) {
		return this.retries.deliveryAttempt(topicPartitionOffset);
	}

	@Override
	public void clearThreadState() {
		this.retries.clearThreadState();
	}

}
