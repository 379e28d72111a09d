package tributary.warehouse.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import tributary.warehouse.events.TopicIds;
import tributary.warehouse.TestStore;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * A topic deleted and recreated under a running consumer, without a rebalance: the
 * consumer just finds its position out of range and reads the new incarnation from 0.
 */
class IncarnationCheckTests {

	private static final String TOPIC = "weather_data";

	private final AtomicReference<String> brokerId = new AtomicReference<>("first");

	private final AtomicInteger describes = new AtomicInteger();

	/** The topic id the listener would store each batch under. */
	private final List<String> storedUnder = new ArrayList<>();

	private TopicIds topicIds;

	private IncarnationCheck check;

	private void start(Clock clock) {
		MongoTemplate mongo = TestStore.freshDatabase("incarnations");
		this.topicIds = new TopicIds((topics) -> {
			this.describes.incrementAndGet();
			return Map.of(TOPIC, this.brokerId.get());
		}, mongo);
		this.check = new IncarnationCheck((records) -> this.storedUnder.add(this.topicIds.current(TOPIC)),
				this.topicIds, Duration.ofSeconds(10), clock);
	}

	@Test
	void aPartitionBackAtAnOffsetItHadPassedIsDescribedAgainAndReadFromItsStart() {
		start(Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC));
		Consumer<?, ?> consumer = mock(Consumer.class);
		this.check.onMessage(batch(0, 50), consumer);
		this.brokerId.set("second");
		this.check.onMessage(batch(50, 60), consumer);
		assertThat(this.storedUnder).as("nothing says the topic changed yet").containsExactly("first", "first");
		verify(consumer, never()).seekToBeginning(List.of(new TopicPartition(TOPIC, 0)));

		this.check.onMessage(batch(0, 5), consumer);
		assertThat(this.storedUnder).last().isEqualTo("second");
		verify(consumer).seekToBeginning(List.of(new TopicPartition(TOPIC, 0)));
	}

	@Test
	void aReplayOfTheSameIncarnationIsDescribedWhereItStartsNotBeforeEveryBatch() {
		start(Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC));
		Consumer<?, ?> consumer = mock(Consumer.class);
		for (int from = 0; from < 500; from += 50) {
			this.check.onMessage(batch(from, from + 50), consumer);
		}
		int described = this.describes.get();

		this.check.onMessage(batch(0, 50), consumer);
		assertThat(this.describes).as("going back is checked").hasValue(described + 1);
		for (int from = 50; from < 500; from += 50) {
			this.check.onMessage(batch(from, from + 50), consumer);
		}
		assertThat(this.describes).as("the replay goes forward from there").hasValue(described + 1);
		assertThat(this.storedUnder).hasSize(20).containsOnly("first");
		verify(consumer, never()).seekToBeginning(List.of(new TopicPartition(TOPIC, 0)));

		this.brokerId.set("second");
		this.check.onMessage(batch(0, 5), consumer);
		assertThat(this.storedUnder).last().isEqualTo("second");
		verify(consumer).seekToBeginning(List.of(new TopicPartition(TOPIC, 0)));
	}

	@Test
	void aTopicIsDescribedAgainAfterTheMaximumAgeEvenIfItsOffsetsOnlyGrow() {
		AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T00:00:00Z"));
		start(new Clock() {
			@Override
			public Instant instant() {
				return now.get();
			}

			@Override
			public java.time.ZoneId getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(java.time.ZoneId zone) {
				return this;
			}
		});
		Consumer<?, ?> consumer = mock(Consumer.class);
		this.check.onMessage(batch(0, 50), consumer);
		int described = this.describes.get();
		this.check.onMessage(batch(50, 100), consumer);
		assertThat(this.describes).as("a young id is trusted").hasValue(described);

		this.brokerId.set("second");
		now.set(now.get().plusSeconds(11));
		this.check.onMessage(batch(100, 150), consumer);
		assertThat(this.storedUnder).last().isEqualTo("second");
		verify(consumer).seekToBeginning(List.of(new TopicPartition(TOPIC, 0)));
	}

	private static List<ConsumerRecord<byte[], byte[]>> batch(long from, long to) {
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		for (long offset = from; offset < to; offset++) {
			records.add(new ConsumerRecord<>(TOPIC, 0, offset, new byte[0], new byte[0]));
		}
		return records;
	}

}
