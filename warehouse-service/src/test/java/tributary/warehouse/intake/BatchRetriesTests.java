package tributary.warehouse.intake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.mock;

class BatchRetriesTests {

	private static final TopicPartition OWNED = new TopicPartition("weather_data", 0);

	private static final TopicPartition ALSO_OWNED = new TopicPartition("social_media", 1);

	private static final TopicPartition REASSIGNED = new TopicPartition("weather_data", 1);

	private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");

	@Test
	void withoutARebalanceTheContainerAcknowledgesTheStoredBatchAndNothingIsReadAgain() {
		this.consumer.assign(List.of(OWNED, ALSO_OWNED));
		this.consumer.seek(OWNED, 13);
		this.consumer.seek(ALSO_OWNED, 8);
		ConsumerRecords<byte[], byte[]> batch = batch(
				Map.of(OWNED, new long[] { 10, 11, 12 }, ALSO_OWNED, new long[] { 7 }));
		BatchRetries retries = retriesThatSucceed(() -> {
		});

		retries.handleBatch(new IllegalStateException("store away"), batch, this.consumer,
				mock(MessageListenerContainer.class), () -> {
				});

		assertThat(retries.isAckAfterHandle()).isTrue();
		assertThat(this.consumer.position(OWNED)).isEqualTo(13);
		assertThat(this.consumer.position(ALSO_OWNED)).isEqualTo(8);
		assertThat(this.consumer.committed(Set.of(OWNED, ALSO_OWNED))).as("committed by the container, later")
			.allSatisfy((partition, offset) -> assertThat(offset).isNull());
	}

	@Test
	void afterARebalanceTheOwnedPartitionsAreReadAgainFromTheBatchStartAndNothingIsAcknowledged() {
		RebalancingConsumer rebalancing = new RebalancingConsumer();
		rebalancing.assign(List.of(OWNED, ALSO_OWNED));
		rebalancing.seek(OWNED, 13);
		rebalancing.seek(ALSO_OWNED, 8);
		ConsumerRecords<byte[], byte[]> batch = batch(Map.of(OWNED, new long[] { 10, 11, 12 }, REASSIGNED,
				new long[] { 40, 41 }, ALSO_OWNED, new long[] { 7 }));
		BatchRetries retries = retriesThatSucceed(() -> rebalancing.generation++);

		retries.handleBatch(new IllegalStateException("store away"), batch, rebalancing,
				mock(MessageListenerContainer.class), () -> {
				});

		assertThat(retries.isAckAfterHandle()).as("the revoked partition is its new owner's").isFalse();
		assertThat(rebalancing.position(OWNED)).isEqualTo(10);
		assertThat(rebalancing.position(ALSO_OWNED)).isEqualTo(7);
		assertThat(rebalancing.committed(Set.of(OWNED, ALSO_OWNED, REASSIGNED)))
			.allSatisfy((partition, offset) -> assertThat(offset).isNull());
	}

	@Test
	void whatARetryDecidedHoldsForItsOwnThreadOnly() throws InterruptedException {
		this.consumer.assign(List.of(OWNED));
		BatchRetries retries = retriesThatSucceed(() -> {
		});
		retries.handleBatch(new IllegalStateException("store away"), batch(Map.of(OWNED, new long[] { 10 })),
				this.consumer, mock(MessageListenerContainer.class), () -> {
				});
		boolean[] elsewhere = new boolean[1];
		Thread other = new Thread(() -> elsewhere[0] = retries.isAckAfterHandle());
		other.start();
		other.join();

		assertThat(retries.isAckAfterHandle()).isTrue();
		assertThat(elsewhere[0]).isFalse();
		retries.clearThreadState();
		assertThat(retries.isAckAfterHandle()).isFalse();
	}

	@Test
	void aBatchThatIsNeverStoredCommitsNothing() {
		this.consumer.assign(List.of(OWNED));
		DefaultErrorHandler stopping = new DefaultErrorHandler() {
			@Override
			public void handleBatch(Exception thrownException, ConsumerRecords<?, ?> data,
					org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, MessageListenerContainer container,
					Runnable invokeListener) {
				throw new IllegalStateException("Container stopped during retries");
			}
		};
		ConsumerRecords<byte[], byte[]> batch = batch(Map.of(OWNED, new long[] { 10 }));

		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> new BatchRetries(stopping).handleBatch(new IllegalStateException("store away"), batch,
					this.consumer, mock(MessageListenerContainer.class), () -> {
					}));
		assertThat(this.consumer.committed(Set.of(OWNED)).get(OWNED)).isNull();
		assertThat(new BatchRetries(stopping).isAckAfterHandle()).isFalse();
	}

	/** Retries whose first attempt stores the batch, after {@code meanwhile}. */
	private static BatchRetries retriesThatSucceed(Runnable meanwhile) {
		return new BatchRetries(new DefaultErrorHandler() {
			@Override
			public void handleBatch(Exception thrownException, ConsumerRecords<?, ?> data,
					org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, MessageListenerContainer container,
					Runnable invokeListener) {
				meanwhile.run();
				invokeListener.run();
			}
		});
	}

	/** A consumer whose group generation the test moves on, as a rebalance would. */
	private static final class RebalancingConsumer extends MockConsumer<byte[], byte[]> {

		int generation = 1;

		RebalancingConsumer() {
			super("earliest");
		}

		@Override
		public synchronized ConsumerGroupMetadata groupMetadata() {
			return new ConsumerGroupMetadata("warehouse", this.generation, "member-1", Optional.empty());
		}

	}

	private static ConsumerRecords<byte[], byte[]> batch(Map<TopicPartition, long[]> offsets) {
		Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> records = new LinkedHashMap<>();
		offsets.forEach((partition, each) -> {
			List<ConsumerRecord<byte[], byte[]>> list = new ArrayList<>();
			for (long offset : each) {
				list.add(new ConsumerRecord<>(partition.topic(), partition.partition(), offset, new byte[0],
						new byte[0]));
			}
			records.put(partition, list);
		});
		return new ConsumerRecords<>(records, Map.of());
	}

}
