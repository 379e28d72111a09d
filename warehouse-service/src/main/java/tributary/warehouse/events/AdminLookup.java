package tributary.warehouse.events;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.jspecify.annotations.Nullable;

/**
 * Describes topics with one admin client, kept until the warehouse stops.
 *
 * <p>
 * Spring Kafka's {@code KafkaAdmin.describeTopics} creates a client for each call and
 * closes it after: a new connection to the broker, its configuration logged whole at
 * INFO, its metrics registered with JMX and removed again. The intake describes its
 * topics at least every ten seconds, so a warehouse did that every few seconds for as
 * long as it ran (14 clients in CI's 80-second kill-store fault run). The client is
 * created on first use, so a broker that cannot be resolved yet fails a batch, which is
 * retried, rather than the start.
 */
final class AdminLookup implements TopicIds.Lookup, AutoCloseable {

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

	private final Map<String, Object> config;

	private final Duration timeout;

	private @Nullable Admin admin;

	private boolean closed;

	/**
	 * A lookup through a client of this configuration.
	 * @param config the admin client's configuration
	 * @param clientId the client's id
	 * @param timeout how long a description may take
	 */
	AdminLookup(Map<String, Object> config, String clientId, Duration timeout) {
		this.config = new HashMap<>(config);
		this.config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
		this.timeout = timeout;
	}

	@Override
	public Map<String, String> describe(Collection<String> topics) {
		Map<String, TopicDescription> descriptions;
		try {
			descriptions = admin()
				.describeTopics(topics, new DescribeTopicsOptions().timeoutMs((int) this.timeout.toMillis()))
				.allTopicNames()
				.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
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

	private synchronized Admin admin() {
		if (this.closed) {
			// A failure of the broker's kind: the batch is retried, never dead-lettered.
			throw new KafkaException("Not describing topics: the warehouse is stopping");
		}
		if (this.admin == null) {
			this.admin = Admin.create(this.config);
		}
		return this.admin;
	}

	@Override
	public synchronized void close() {
		this.closed = true;
		if (this.admin != null) {
			this.admin.close(CLOSE_TIMEOUT);
			this.admin = null;
		}
	}

}
