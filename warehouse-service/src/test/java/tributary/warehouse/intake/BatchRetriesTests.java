package tributary.warehouse.intake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
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
	void aStoredRetriedBatchCommitsOnlyThePartitionsTheConsumerStillOwns() {
		this.consumer.assign(List.of(OWNED, ALSO_OWNED));
		ConsumerRecords<byte[], byte[]> batch = batch(Map.of(OWNED, new long[] { 10, 11, 12 }, REASSIGNED,
				new long[] { 40, 41 }, ALSO_OWNED, new long[] { 7 }));

		retriesThatSucceed().handleBatch(new IllegalStateException("store away"), batch, this.consumer,
				mock(MessageListenerContainer.class), () -> {
				});

		Map<TopicPartition, OffsetAndMetadata> committed = this.consumer
			.committed(Set.of(OWNED, ALSO_OWNED, REASSIGNED));
		assertThat(committed.get(OWNED).offset()).isEqualTo(13);
		assertThat(committed.get(ALSO_OWNED).offset()).isEqualTo(8);
		assertThat(committed.get(REASSIGNED)).as("the new owner commits it").isNull();
	}

	@Test
	void theContainerCommitsNothingAfterARetriedBatch() {
		assertThat(retriesThatSucceed().isAckAfterHandle()).isFalse();
	}

	@Test
	void aCommitThatFailsReadsTheOwnedPartitionsAgainFromTheBatchStart() {
		MockConsumer<byte[], byte[]> refusing = new MockConsumer<>("earliest") {
			@Override
			public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
				throw new CommitFailedException("rebalanced meanwhile");
			}
		};
		refusing.assign(List.of(OWNED));
		refusing.seek(OWNED, 13);
		ConsumerRecords<byte[], byte[]> batch = batch(
				Map.of(OWNED, new long[] { 10, 11, 12 }, REASSIGNED, new long[] { 40 }));

		BatchRetries.commitOwned(batch, refusing);

		assertThat(refusing.position(OWNED)).isEqualTo(10);
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
	}

	/** Retries whose first attempt stores the batch. */
	private static BatchRetries retriesThatSucceed() {
		return new BatchRetries(new DefaultErrorHandler() {
			@Override
			public void handleBatch(Exception thrownException, ConsumerRecords<?, ?> data,
					org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, MessageListenerContainer container,
					Runnable invokeListener) {
				invokeListener.run();
			}
		});
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
