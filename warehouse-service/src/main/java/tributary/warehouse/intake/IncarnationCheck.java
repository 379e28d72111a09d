package tributary.warehouse.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.warehouse.events.TopicIds;

import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;
import org.springframework.kafka.listener.BatchMessageListener;

/**
 * Makes sure a batch is stored under the topic id of the incarnation its records come
 * from, before the listener stores it.
 *
 * <p>
 * A rebalance tells {@link RecreatedTopics} about a recreated topic, but a topic deleted
 * and recreated with the same partitions may cause no rebalance at all: the consumer only
 * finds its position out of range and starts again from the earliest offset. So the
 * topics of a batch are described again whenever a partition goes back to an offset at or
 * below the end of its last batch here (a recreated topic starting again from 0, the
 * group's offsets reset, a batch read again because its commit failed) and at least every
 * {@code maxAge} otherwise. Going back is checked against the last batch rather than the
 * highest offset ever taken: a replay is then described once, where it starts, not before
 * every batch until it passes the old position again. A partition whose topic turns out
 * to be another incarnation is also read again from its start once this batch is through,
 * so that a position carried over from the old incarnation skips nothing of the new one;
 * the store recognises whatever it reads twice.
 */
final class IncarnationCheck implements BatchConsumerAwareMessageListener<byte[], byte[]> {

	private static final Logger log = LoggerFactory.getLogger(IncarnationCheck.class);

	private final BatchMessageListener<byte[], byte[]> listener;

	private final TopicIds topicIds;

	private final Duration maxAge;

	private final Clock clock;

	/**
	 * Per partition, the last offset of its last batch, and the topic id it was taken in.
	 */
	private final Map<TopicPartition, Taken> taken = new ConcurrentHashMap<>();

	/** Per topic, when its id was last described. */
	private final Map<String, Instant> described = new ConcurrentHashMap<>();

	IncarnationCheck(BatchMessageListener<byte[], byte[]> listener, TopicIds topicIds, Duration maxAge, Clock clock) {
		this.listener = listener;
		this.topicIds = topicIds;
		this.maxAge = maxAge;
		this.clock = clock;
	}

	@Override
	public void onMessage(List<ConsumerRecord<byte[], byte[]>> records, @Nullable Consumer<?, ?> consumer) {
		Map<TopicPartition, Long> first = new HashMap<>();
		Map<TopicPartition, Long> last = new HashMap<>();
		for (ConsumerRecord<byte[], byte[]> record : records) {
			TopicPartition partition = new TopicPartition(record.topic(), record.partition());
			first.merge(partition, record.offset(), Math::min);
			last.merge(partition, record.offset(), Math::max);
		}
		Instant now = this.clock.instant();
		Set<String> stale = new LinkedHashSet<>();
		first.forEach((partition, offset) -> {
			Taken before = this.taken.get(partition);
			Instant at = this.described.get(partition.topic());
			if ((before != null && offset <= before.offset()) || at == null || at.plus(this.maxAge).isBefore(now)) {
				stale.add(partition.topic());
			}
		});
		Map<String, String> ids = stale.isEmpty() ? Map.of() : this.topicIds.refresh(stale);
		stale.forEach((topic) -> this.described.put(topic, now));
		List<TopicPartition> recreated = new ArrayList<>();
		for (TopicPartition partition : first.keySet()) {
			Taken before = this.taken.get(partition);
			String id = ids.get(partition.topic());
			if (before != null && id != null && !id.equals(before.topicId())) {
				recreated.add(partition);
			}
		}
		if (!recreated.isEmpty() && consumer == null) {
			// A listener container always passes its consumer; without it nothing could
			// be read again.
			throw new IllegalStateException("Cannot read " + recreated + " again without the consumer");
		}
		this.listener.onMessage(records);
		last.forEach((partition, offset) -> this.taken.put(partition,
				new Taken(offset, this.topicIds.current(partition.topic()))));
		if (consumer != null && !recreated.isEmpty()) {
			log.info("Reading {} again from the start: their topics were recreated", recreated);
			consumer.seekToBeginning(recreated);
		}
	}

	/** The last offset of a partition's last batch, in an incarnation of its topic. */
	private record Taken(long offset, String topicId) {
	}

}
