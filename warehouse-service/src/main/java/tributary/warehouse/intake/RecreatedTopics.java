package tributary.warehouse.intake;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.warehouse.events.SourceTopics;
import tributary.warehouse.events.TopicIds;

import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * Describes the topics of newly assigned partitions again, so that records of a topic
 * that was deleted and recreated are stored under the new incarnation's id. Boot's
 * listener container factory applies this bean to the containers it creates.
 *
 * <p>
 * A partition that this instance owned before in another incarnation of its topic is also
 * read again from the start: Kafka drops the group's offsets of a deleted topic, but an
 * offset committed for the old incarnation after it was recreated would otherwise skip
 * the new one's first records. Reading them again costs nothing in the store, which
 * recognises every record it already has.
 */
@Component
class RecreatedTopics implements ConsumerAwareRebalanceListener {

	private static final Logger log = LoggerFactory.getLogger(RecreatedTopics.class);

	private final TopicIds topicIds;

	private final SourceTopics topics;

	private final Map<TopicPartition, String> assignedIn = new ConcurrentHashMap<>();

	RecreatedTopics(TopicIds topicIds, SourceTopics topics) {
		this.topicIds = topicIds;
		this.topics = topics;
	}

	@Override
	public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		List<String> names = partitions.stream()
			.map(TopicPartition::topic)
			.filter(this.topics::contains)
			.distinct()
			.toList();
		if (names.isEmpty()) {
			return;
		}
		Map<String, String> ids;
		try {
			ids = this.topicIds.refresh(names);
		}
		catch (RuntimeException ex) {
			// The ids are no longer cached then: the first batch asks again, and fails
			// (to be retried) rather than store anything under an old id.
			log.warn("Could not describe the assigned topics {}: {}", names, ex.getMessage());
			return;
		}
		List<TopicPartition> recreated = partitions.stream().filter((partition) -> {
			String id = ids.get(partition.topic());
			String before = (id != null) ? this.assignedIn.put(partition, id) : null;
			return before != null && !before.equals(id);
		}).toList();
		if (!recreated.isEmpty()) {
			log.info("Reading {} from the start: their topics were recreated", recreated);
			consumer.seekToBeginning(recreated);
		}
	}

}
