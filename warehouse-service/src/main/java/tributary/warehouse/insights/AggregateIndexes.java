package tributary.warehouse.insights;

import java.time.Duration;

import com.mongodb.MongoException;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Creates the indexes the warehouse's reads and writes use, before the consumer starts,
 * or, if the store cannot be reached then, as soon as it can.
 *
 * <p>
 * Every query is by {@code _id}. The one extra index per aggregate collection serves the
 * compare-and-set filter {@code {_id, version}}: MongoDB would use {@code _id} for it
 * anyway, but the embedded store only uses an index whose keys are exactly those of the
 * filter (and keeps unique indexes only), so without it every aggregate write would scan
 * its collection. Creating an index that exists is a no-op.
 *
 * <p>
 * The index makes writes fast, not correct, so a store that is away at start-up does not
 * stop the warehouse from starting (a restarted warehouse would otherwise fail until the
 * store is back, and a supervisor's back-off would delay it further): it starts, shows
 * the store DOWN, retries its batches as always, and this tries again every
 * {@link #RETRY_INTERVAL} until the indexes are in.
 */
@Component
class AggregateIndexes implements SmartInitializingSingleton, DisposableBean {

	static final String VERSION_INDEX = "id_version";

	static final Duration RETRY_INTERVAL = Duration.ofSeconds(2);

	private static final Logger log = LoggerFactory.getLogger(AggregateIndexes.class);

	private final MongoTemplate mongo;

	private volatile @Nullable Thread retrying;

	AggregateIndexes(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterSingletonsInstantiated() {
		try {
			create();
		}
		catch (MongoException ex) {
			log.warn("Could not create the aggregate indexes ({}); trying again every {} s until the store answers",
					ex.getMessage(), RETRY_INTERVAL.toSeconds());
			Thread thread = new Thread(this::retry, "aggregate-indexes");
			thread.setDaemon(true);
			thread.start();
			this.retrying = thread;
		}
	}

	private void create() {
		for (Aggregate aggregate : Aggregate.values()) {
			this.mongo.getCollection(aggregate.collection())
				.createIndex(Indexes.ascending("_id", Aggregates.VERSION),
						new IndexOptions().name(VERSION_INDEX).unique(true));
		}
		log.info("Aggregate indexes ready in {}", this.mongo.getDb().getName());
	}

	private void retry() {
		while (!Thread.currentThread().isInterrupted()) {
			try {
				Thread.sleep(RETRY_INTERVAL.toMillis());
				create();
				return;
			}
			catch (MongoException ex) {
				log.debug("Aggregate indexes not created yet: {}", ex.getMessage());
			}
			catch (InterruptedException | IllegalStateException ex) {
				// The context is closing (its store client closed): nothing left to do.
				return;
			}
		}
	}

	@Override
	public void destroy() {
		Thread thread = this.retrying;
		if (thread != null) {
			thread.interrupt();
		}
	}

}
