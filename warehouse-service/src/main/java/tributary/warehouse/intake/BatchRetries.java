package tributary.warehouse.intake;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.TopicPartitionOffset;

/**
 * Retries a failed batch until it is stored ({@link DefaultErrorHandler} with a back-off
 * that never ends); then has the container acknowledge it with the others, unless the
 * group rebalanced meanwhile, in which case the partitions this consumer still owns are
 * read again from the batch's start.
 *
 * <p>
 * The retries poll the consumer between attempts, to stay in the group, so the group may
 * rebalance in the middle of them (an instance joins or leaves while the store is away).
 * A partition revoked then is read by its new owner from the last committed offset,
 * stored again (the store recognises what it has) and committed, possibly past this
 * batch. Were the container to acknowledge the whole retried batch once it is stored, the
 * revoked partitions included, its next commit would land after the new owner's and move
 * the group back, and with nothing new arriving no consumer would commit those records
 * again: they would show as lag for good and be read again after the next restart.
 * Committing only the partitions still owned, at once, is not enough either: the
 * container may still hold acknowledged offsets of earlier batches for them, which its
 * next timed commit would send after this one's. So after a rebalance nothing of the
 * retried batch is acknowledged; the partitions still owned are sought back to the
 * batch's first offsets and read again, recognised by the store as redelivered, and
 * acknowledged and committed as any batch. (A revocation makes the container commit what
 * it holds, while it still owns the partitions.) Without a rebalance no other consumer
 * can have committed the batch's partitions, and the container acknowledges it as usual.
 */
final class BatchRetries implements CommonErrorHandler {

	private static final Logger log = LoggerFactory.getLogger(BatchRetries.class);

	private final DefaultErrorHandler retries;

	/**
	 * Whether the container may acknowledge the batch this consumer's thread just
	 * retried. One handler serves every consumer of the container, each on its own
	 * thread.
	 */
	private final ThreadLocal<Boolean> acknowledge = ThreadLocal.withInitial(() -> false);

	BatchRetries(DefaultErrorHandler retries) {
		this.retries = retries;
	}

	@Override
	public void handleBatch(Exception thrownException, ConsumerRecords<?, ?> data, Consumer<?, ?> consumer,
			MessageListenerContainer container, Runnable invokeListener) {
		this.acknowledge.set(false);
		// The generation under the classic protocol, the member epoch under the consumer
		// protocol, and the member id: any of them changes when the assignment may have.
		ConsumerGroupMetadata before = consumer.groupMetadata();
		this.retries.handleBatch(thrownException, data, consumer, container, invokeListener);
		if (Objects.equals(before, consumer.groupMetadata())) {
			this.acknowledge.set(true);
		}
		else {
			readOwnedAgain(data, consumer);
		}
	}

	/**
	 * Seeks the stored batch's partitions this consumer owns now back to the batch's
	 * first offsets.
	 */
	private static void readOwnedAgain(ConsumerRecords<?, ?> data, Consumer<?, ?> consumer) {
		Set<TopicPartition> assignment = consumer.assignment();
		Map<TopicPartition, Long> firsts = new LinkedHashMap<>();
		for (TopicPartition partition : data.partitions()) {
			List<? extends ConsumerRecord<?, ?>> records = data.records(partition);
			if (assignment.contains(partition) && !records.isEmpty()) {
				firsts.put(partition, records.get(0).offset());
			}
		}
		log.info("The group rebalanced while a batch was retried; reading again the {} of its {} partitions "
				+ "this consumer still owns", firsts.size(), data.partitions().size());
		firsts.forEach(consumer::seek);
	}

	@Override
	public <K, V> ConsumerRecords<K, V> handleBatchAndReturnRemaining(Exception thrownException,
			ConsumerRecords<?, ?> data, Consumer<?, ?> consumer, MessageListenerContainer container,
			Runnable invokeListener) {
		handleBatch(thrownException, data, consumer, container, invokeListener);
		return ConsumerRecords.empty();
	}

	/**
	 * Asked by the container right after {@link #handleBatch} on the same thread: whether
	 * the retried batch is acknowledged with the others.
	 */
	@Override
	public boolean isAckAfterHandle() {
		return this.acknowledge.get();
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
		this.acknowledge.remove();
		this.retries.clearThreadState();
	}

}
