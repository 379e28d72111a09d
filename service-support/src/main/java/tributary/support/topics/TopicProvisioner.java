package tributary.support.topics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Creates the declared topics that do not exist yet, before any listener starts.
 *
 * <p>
 * A topic that exists is left exactly as it is, even when its partitions, replicas or
 * retention differ from the declaration: changing partitions would move keys between
 * partitions and break per-key ordering, so that is an operator's decision. The
 * difference is logged. If the broker cannot be reached in time the service starts anyway
 * and says so; its producers and consumers wait for the broker as usual.
 */
public class TopicProvisioner implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

	/** How long closing the admin client may wait for its thread to end. */
	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

	private final TopicsProperties properties;

	private final KafkaAdmin kafkaAdmin;

	private final Supplier<Collection<NewTopic>> declared;

	TopicProvisioner(TopicsProperties properties, KafkaAdmin kafkaAdmin, Supplier<Collection<NewTopic>> declared) {
		this.properties = properties;
		this.kafkaAdmin = kafkaAdmin;
		this.declared = declared;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!this.properties.provision()) {
			log.info("Topic provisioning is off (tributary.topics.provision=false)");
			return;
		}
		Map<String, Object> config = new java.util.HashMap<>(this.kafkaAdmin.getConfigurationProperties());
		int timeoutMs = (int) this.properties.provisioningTimeout().toMillis();
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 10_000));
		Admin admin = Admin.create(config);
		try {
			provision(admin, List.copyOf(this.declared.get()));
		}
		catch (ExecutionException | TimeoutException ex) {
			log.warn("Could not provision topics within {}; continuing without: {}",
					this.properties.provisioningTimeout(), ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			// Bounded: close() alone waits for the client's thread without limit, and a
			// service's start-up once hung there for minutes.
			admin.close(CLOSE_TIMEOUT);
		}
	}

	/**
	 * Creates the missing topics and reports the existing ones that differ.
	 * @param admin a client of the cluster
	 * @param topics the declared topics
	 * @return the outcome, for logging and tests
	 */
	ProvisioningReport provision(Admin admin, List<NewTopic> topics)
			throws ExecutionException, InterruptedException, TimeoutException {
		Duration timeout = this.properties.provisioningTimeout();
		Instant deadline = Instant.now().plus(timeout);
		Set<String> existing = admin.listTopics().names().get(remaining(deadline), TimeUnit.MILLISECONDS);
		List<NewTopic> missing = topics.stream().filter((topic) -> !existing.contains(topic.name())).toList();
		List<String> created = new ArrayList<>();
		Set<String> present = new java.util.HashSet<>(existing);
		for (var entry : admin.createTopics(missing).values().entrySet()) {
			try {
				entry.getValue().get(remaining(deadline), TimeUnit.MILLISECONDS);
				created.add(entry.getKey());
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof TopicExistsException)) {
					throw ex;
				}
				// Created a moment ago by another service, or not yet in the listing: it
				// exists, so it is
				// checked like any existing topic.
				present.add(entry.getKey());
			}
		}
		if (!created.isEmpty()) {
			log.info("Created topics {}", created);
		}
		List<String> differing = differences(admin, topics, present, deadline);
		differing.forEach((difference) -> log.warn("{}; leaving it as it is", difference));
		return new ProvisioningReport(created, differing);
	}

	private static List<String> differences(Admin admin, List<NewTopic> topics, Set<String> existing, Instant deadline)
			throws ExecutionException, InterruptedException, TimeoutException {
		Map<String, NewTopic> present = topics.stream()
			.filter((topic) -> existing.contains(topic.name()))
			.collect(Collectors.toMap(NewTopic::name, (topic) -> topic));
		if (present.isEmpty()) {
			return List.of();
		}
		List<ConfigResource> resources = present.keySet()
			.stream()
			.map((name) -> new ConfigResource(ConfigResource.Type.TOPIC, name))
			.toList();
		Map<String, TopicDescription> descriptions = untilKnown(deadline,
				() -> admin.describeTopics(present.keySet()).allTopicNames());
		Map<ConfigResource, Config> configs = untilKnown(deadline, () -> admin.describeConfigs(resources).all());
		List<String> differences = new ArrayList<>();
		for (NewTopic wanted : present.values()) {
			TopicDescription actual = descriptions.get(wanted.name());
			if (actual == null) {
				// deleted since it was listed: nothing to compare, and creating it is not
				// this method's job
				continue;
			}
			int partitions = actual.partitions().size();
			int replicas = actual.partitions().get(0).replicas().size();
			Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, wanted.name()));
			String retention = Optional
				.ofNullable((config != null) ? config.get(TopicConfig.RETENTION_MS_CONFIG) : null)
				.map((entry) -> entry.value())
				.orElse("?");
			String wantedRetention = wanted.configs().get(TopicConfig.RETENTION_MS_CONFIG);
			if (partitions != wanted.numPartitions() || replicas != wanted.replicationFactor()
					|| !retention.equals(wantedRetention)) {
				differences.add(String.format(
						"Topic %s exists with %d partitions, %d replicas, retention.ms=%s but is declared with %d, %d, %s",
						wanted.name(), partitions, replicas, retention, wanted.numPartitions(),
						wanted.replicationFactor(), wantedRetention));
			}
		}
		return differences;
	}

	/**
	 * Retries a describe call while a topic created a moment ago has not reached every
	 * broker's metadata yet.
	 */
	private static <T> T untilKnown(Instant deadline, Supplier<KafkaFuture<T>> call)
			throws ExecutionException, InterruptedException, TimeoutException {
		while (true) {
			try {
				return call.get().get(remaining(deadline), TimeUnit.MILLISECONDS);
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
					throw ex;
				}
				Thread.sleep(100);
			}
		}
	}

	private static long remaining(Instant deadline) throws TimeoutException {
		long millis = Duration.between(Instant.now(), deadline).toMillis();
		if (millis <= 0) {
			throw new TimeoutException("topic provisioning ran out of time");
		}
		return millis;
	}

	/**
	 * What provisioning did.
	 *
	 * @param created topics created now
	 * @param differing existing topics whose settings differ from their declaration,
	 * described
	 */
	record ProvisioningReport(List<String> created, List<String> differing) {
	}

}
