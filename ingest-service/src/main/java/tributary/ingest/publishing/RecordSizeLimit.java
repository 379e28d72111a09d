package tributary.ingest.publishing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The largest record batch the broker takes on the service's topics: the smallest
 * {@code max.message.bytes} of those that exist, and the broker's
 * {@code message.max.bytes} for those still to be created.
 *
 * <p>
 * The producer is held to it (its {@code max.request.size}) so that it refuses a larger
 * event at once, before the event has a sequence number. When the broker refuses a record
 * instead, the idempotent producer's sequence for that partition has a gap: the records
 * sent after it in the same partition fail too, for up to {@code delivery.timeout.ms},
 * until the producer bumps its epoch.
 */
final class RecordSizeLimit {

	private static final Logger log = LoggerFactory.getLogger(RecordSizeLimit.class);

	private RecordSizeLimit() {
	}

	/**
	 * Asks the broker, giving up quietly (no limit) if it does not answer in time.
	 * @param adminConfig how to reach the broker
	 * @param topics the topics written to
	 * @param timeout how long to wait for the answer
	 * @return the limit in bytes, if the broker told it
	 */
	static OptionalInt lookUp(Map<String, Object> adminConfig, Collection<String> topics, Duration timeout) {
		Map<String, Object> config = new HashMap<>(adminConfig);
		int millis = (int) timeout.toMillis();
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
		long deadline = System.nanoTime() + timeout.toNanos();
		Admin admin = Admin.create(config);
		try {
			Collection<Node> nodes = admin.describeCluster().nodes().get(remaining(deadline), TimeUnit.NANOSECONDS);
			List<ConfigResource> resources = new ArrayList<>();
			topics.forEach((topic) -> resources.add(new ConfigResource(ConfigResource.Type.TOPIC, topic)));
			nodes.stream()
				.findFirst()
				.ifPresent((node) -> resources
					.add(new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(node.id()))));
			int limit = Integer.MAX_VALUE;
			for (Map.Entry<ConfigResource, KafkaFuture<Config>> described : admin.describeConfigs(resources)
				.values()
				.entrySet()) {
				Integer bytes = bytes(described.getKey(), described.getValue(), deadline);
				limit = (bytes != null) ? Math.min(limit, bytes) : limit;
			}
			return (limit < Integer.MAX_VALUE) ? OptionalInt.of(limit) : OptionalInt.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return OptionalInt.empty();
		}
		catch (Exception ex) {
			log.info("Could not learn the broker's record size limit ({}); the producer keeps its own", ex.toString());
			return OptionalInt.empty();
		}
		finally {
			// Bounded: close() alone waits for the client's thread without limit, and a
			// start-up of ingest once hung there for minutes.
			admin.close(timeout);
		}
	}

	private static @Nullable Integer bytes(ConfigResource resource, KafkaFuture<Config> described, long deadline)
			throws InterruptedException, java.util.concurrent.TimeoutException {
		try {
			ConfigEntry entry = described.get(remaining(deadline), TimeUnit.NANOSECONDS)
				.get((resource.type() == ConfigResource.Type.TOPIC) ? TopicConfig.MAX_MESSAGE_BYTES_CONFIG
						: "message.max.bytes");
			return (entry != null && entry.value() != null) ? Integer.valueOf(entry.value()) : null;
		}
		catch (ExecutionException ex) {
			// A topic not created yet: it will take the broker's default, asked for too.
			return null;
		}
	}

	private static long remaining(long deadline) {
		return Math.max(0, deadline - System.nanoTime());
	}

}
