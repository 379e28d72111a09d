package tributary.warehouse.system;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the warehouse consumes, writes and answers.
 *
 * @param consumer how records are taken from the topics
 * @param store how the store is reached
 * @param query limits of the query API
 */
@ConfigurationProperties("tributary.warehouse")
public record WarehouseProperties(@DefaultValue Consumer consumer, @DefaultValue Store store,
		@DefaultValue Query query) {

	/**
	 * How records are taken from the topics.
	 *
	 * @param groupId the consumer group; a new group replays every topic from the start
	 * @param concurrency consumers in this instance (each owns some partitions)
	 * @param maxPollRecords records handed to one batch at most
	 * @param fetchMinSize data the broker gathers before answering a fetch, unless
	 * {@code fetchMaxWait} passes first: larger batches cost the warehouse and the store
	 * less per event (one read and one write of each aggregate document a batch touches),
	 * at the price of that much latency when the topics are quiet
	 * @param fetchMaxWait the longest the broker holds a fetch to gather
	 * {@code fetchMinSize}
	 * @param retryInitialInterval first pause after a batch could not be written
	 * @param retryMaxInterval longest pause between attempts; attempts never stop
	 * @param lagInterval how often the group's lag per topic is measured for the
	 * {@code tributary_warehouse_consumer_lag} gauge
	 * @param commitInterval how often each consumer commits the offsets of the batches it
	 * stored since its last commit; 0 commits after every batch. Offsets are only ever
	 * committed for stored records, so a longer interval only means more records read
	 * again (and recognised by the store) after a crash, and that long before the lag
	 * shows a quiet topic as taken
	 * @param instanceId this instance's static membership of the group
	 * ({@code group.instance.id}, which the listener container suffixes with each
	 * consumer's number: {@code -0}, {@code -1}...), or blank for none. With one, an
	 * instance restarted after a crash takes its partitions back as soon as it rejoins;
	 * without, the group waits for the dead members' sessions to time out (45 s) before
	 * anything is stored again. It must be unique among the instances and stay the same
	 * across restarts: the container's host name in Docker Compose. Not in Kubernetes,
	 * where KEDA scales the instances in, and a static member that leaves keeps its
	 * partitions idle until its session ends
	 */
	public record Consumer(@DefaultValue("warehouse") String groupId, @DefaultValue("3") int concurrency,
			@DefaultValue("2000") int maxPollRecords, @DefaultValue("1MB") DataSize fetchMinSize,
			@DefaultValue("500ms") Duration fetchMaxWait, @DefaultValue("500ms") Duration retryInitialInterval,
			@DefaultValue("15s") Duration retryMaxInterval, @DefaultValue("15s") Duration lagInterval,
			@DefaultValue("1s") Duration commitInterval, @Nullable String instanceId) {

		public Consumer {
			instanceId = (instanceId == null || instanceId.isBlank()) ? null : instanceId.strip();
			if (groupId.isBlank()) {
				throw new IllegalArgumentException("tributary.warehouse.consumer.group-id must not be blank");
			}
			if (concurrency < 1 || maxPollRecords < 1) {
				throw new IllegalArgumentException(
						"tributary.warehouse.consumer.concurrency and max-poll-records must be at least 1");
			}
			if (fetchMinSize.toBytes() < 1 || fetchMinSize.toBytes() > Integer.MAX_VALUE || fetchMaxWait.isNegative()
					|| fetchMaxWait.toMillis() > Integer.MAX_VALUE) {
				throw new IllegalArgumentException("tributary.warehouse.consumer.fetch-min-size must be at least "
						+ "1 byte and fetch-max-wait must not be negative");
			}
			if (commitInterval.isNegative() || commitInterval.toMillis() > Integer.MAX_VALUE) {
				throw new IllegalArgumentException(
						"tributary.warehouse.consumer.commit-interval must not be negative, got " + commitInterval);
			}
		}

	}

	/**
	 * How the store is reached.
	 *
	 * @param timeout how long one store operation may wait to reach the store, and then
	 * for each answer, before failing (then the batch is retried)
	 * @param maxConflictRetries how often an aggregate update lost to a concurrent writer
	 * is re-read and retried within one batch before the whole batch is retried
	 * @param writeConcern what the store confirms before a write counts as done
	 * @param rememberedMarks how many aggregate documents' marks an instance remembers
	 * from its last write of them, so that its next write of the same documents need not
	 * read them first; 0 reads them before every write
	 */
	public record Store(@DefaultValue("5s") Duration timeout, @DefaultValue("100") int maxConflictRetries,
			@DefaultValue WriteConcern writeConcern, @DefaultValue("4096") int rememberedMarks) {

		public Store {
			if (rememberedMarks < 0) {
				throw new IllegalArgumentException(
						"tributary.warehouse.store.remembered-marks must be at least 0 but was " + rememberedMarks);
			}
		}

	}

	/**
	 * What the store confirms before a write counts as done: every write of the warehouse
	 * (raw events, aggregates, locations) uses it. A write the store took but could not
	 * confirm in time is a failure of the batch, which is retried.
	 *
	 * @param w how many members must have the write: {@code majority} (survives the loss
	 * of the primary in a replica set, and is the one member of a single server), a
	 * number of members ({@code 1} or more), or a tag set's name
	 * @param journal whether those members must have written it to their on-disk journal,
	 * so that it survives the store being killed
	 * @param timeout how long the store waits for those confirmations before reporting a
	 * write-concern error; best shorter than the store timeout, so that the store answers
	 * before the connection gives up (either way the batch is retried)
	 */
	public record WriteConcern(@DefaultValue("majority") String w, @DefaultValue("true") boolean journal,
			@DefaultValue("4s") Duration timeout) {

		public WriteConcern {
			if (w.isBlank() || w.strip().equals("0") || w.strip().startsWith("-")) {
				throw new IllegalArgumentException("tributary.warehouse.store.write-concern.w must be 'majority', "
						+ "a number of members of at least 1 or a tag set's name, but was '" + w + "'");
			}
			if (timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException(
						"tributary.warehouse.store.write-concern.timeout must be positive but was " + timeout);
			}
		}

	}

	/**
	 * Limits of the query API.
	 *
	 * @param defaultRange the time range when a query names none
	 * @param maxRange the longest range one query may ask for
	 * @param maxPageSize the largest page a listing returns
	 */
	public record Query(@DefaultValue("24h") Duration defaultRange, @DefaultValue("7d") Duration maxRange,
			@DefaultValue("500") int maxPageSize) {

		public Query {
			if (defaultRange.compareTo(maxRange) > 0) {
				throw new IllegalArgumentException(
						"tributary.warehouse.query.default-range must not exceed max-range but was " + defaultRange);
			}
		}

	}

}
