package tributary.warehouse.events;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import tributary.warehouse.system.BrokerAdmin;

/**
 * Describes topics through the warehouse's one admin client ({@link BrokerAdmin}).
 */
final class AdminLookup implements TopicIds.Lookup {

	private final BrokerAdmin admin;

	AdminLookup(BrokerAdmin admin) {
		this.admin = admin;
	}

	@Override
	public Map<String, String> describe(Collection<String> topics) {
		Duration timeout = this.admin.operationTimeout();
		Map<String, TopicDescription> descriptions;
		try {
			descriptions = this.admin.client()
				.describeTopics(topics, new DescribeTopicsOptions().timeoutMs((int) timeout.toMillis()))
				.allTopicNames()
				.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KafkaException("Interrupted while describing " + topics, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new KafkaException("Could not describe " + topics, ex);
		}
		Map<String, String> ids = new HashMap<>();
		descriptions.forEach((name, description) -> ids.put(name, description.topicId().toString()));
		return ids;
	}

}
