package tributary.warehouse.intake;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.warehouse.events.SourceTopics;
import tributary.warehouse.system.BrokerAdmin;
import tributary.warehouse.system.WarehouseProperties;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * {@code tributary_warehouse_consumer_lag{topic}}: records in each topic that the group
 * has not committed yet, measured from the broker's side. It grows while the store is
 * unreachable (nothing is committed then) and, unlike the consumer's own metrics, it is
 * there for every topic whether or not this instance owns its partitions.
 *
 * <p>
 * Until it has been measured it is NaN, not 0: a restarted warehouse must not report that
 * it has caught up before it has looked. The first measurement is taken as it starts, not
 * one interval later (15 s by default). A topic that does not exist has no records to lag
 * behind: 0.
 */
@Component
class ConsumerLag implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ConsumerLag.class);

	private static final long UNKNOWN = -1;

	private final BrokerAdmin admin;

	private final SourceTopics topics;

	private final WarehouseProperties.Consumer consumer;

	/** Records behind per topic, or {@link #UNKNOWN} until measured. */
	private final Map<String, AtomicLong> lags = new ConcurrentHashMap<>();

	private volatile @Nullable ScheduledExecutorService scheduler;

	ConsumerLag(BrokerAdmin admin, SourceTopics topics, WarehouseProperties properties, MeterRegistry meters) {
		this.admin = admin;
		this.topics = topics;
		this.consumer = properties.consumer();
		for (String topic : topics.names()) {
			AtomicLong lag = new AtomicLong(UNKNOWN);
			this.lags.put(topic, lag);
			Gauge.builder("tributary.warehouse.consumer.lag", lag, ConsumerLag::value)
				.description("Records of the topic not yet committed by the warehouse's consumer group")
				.tag("topic", topic)
				.tag("group", this.consumer.groupId())
				.register(meters);
		}
	}

	@Override
	public void start() {
		ScheduledExecutorService scheduler = Executors
			.newSingleThreadScheduledExecutor((task) -> new Thread(task, "warehouse-lag"));
		long interval = this.consumer.lagInterval().toMillis();
		scheduler.scheduleWithFixedDelay(this::measure, 0, interval, TimeUnit.MILLISECONDS);
		this.scheduler = scheduler;
	}

	void measure() {
		try {
			Admin admin = this.admin.client();
			List<String> names = this.topics.names();
			Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
			Map<String, Long> lag = new HashMap<>();
			for (Map.Entry<String, KafkaFuture<TopicDescription>> described : admin.describeTopics(names)
				.topicNameValues()
				.entrySet()) {
				TopicDescription topic;
				try {
					topic = described.getValue().get();
				}
				catch (ExecutionException ex) {
					// A missing topic (not created where topics are not provisioned)
					// has nothing to lag behind, and leaves the lag of the others
					// measured; any other failure leaves its last measurement.
					if (ex.getCause() instanceof UnknownTopicOrPartitionException) {
						lag.put(described.getKey(), 0L);
					}
					log.debug("Could not describe {}: {}", described.getKey(), String.valueOf(ex.getCause()));
					continue;
				}
				topic.partitions()
					.forEach((partition) -> ends.put(new TopicPartition(topic.name(), partition.partition()),
							OffsetSpec.latest()));
			}
			Map<TopicPartition, ListOffsetsResultInfo> latest = admin.listOffsets(ends).all().get();
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(this.consumer.groupId())
				.partitionsToOffsetAndMetadata()
				.get();
			latest.forEach((partition, end) -> {
				OffsetAndMetadata done = committed.get(partition);
				long behind = end.offset() - ((done != null) ? done.offset() : 0);
				lag.merge(partition.topic(), Math.max(0, behind), Long::sum);
			});
			lag.forEach((topic, behind) -> {
				AtomicLong gauge = this.lags.get(topic);
				if (gauge != null) {
					gauge.set(behind);
				}
			});
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			log.debug("Could not measure the consumer lag: {}", ex.getMessage());
		}
	}

	private static double value(AtomicLong lag) {
		long behind = lag.get();
		return (behind == UNKNOWN) ? Double.NaN : behind;
	}

	@Override
	public void stop() {
		ScheduledExecutorService running = this.scheduler;
		if (running != null) {
			running.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

}
