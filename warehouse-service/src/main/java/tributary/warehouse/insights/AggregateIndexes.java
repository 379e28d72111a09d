package tributary.warehouse.insights;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Creates the indexes the warehouse's reads and writes use, before the consumer starts.
 *
 * <p>
 * Every query is by {@code _id}. The one extra index per aggregate collection serves the
 * compare-and-set filter {@code {_id, version}}: MongoDB would use {@code _id} for it
 * anyway, but the embedded store only uses an index whose keys are exactly those of the
 * filter (and keeps unique indexes only), so without it every aggregate write would scan
 * its collection. Creating an index that exists is a no-op.
 */
@Component
class AggregateIndexes implements SmartInitializingSingleton {

	static final String VERSION_INDEX = "id_version";

	private static final Logger log = LoggerFactory.getLogger(AggregateIndexes.class);

	private final MongoTemplate mongo;

	AggregateIndexes(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (Aggregate aggregate : Aggregate.values()) {
			this.mongo.getCollection(aggregate.collection())
				.createIndex(Indexes.ascending("_id", Aggregates.VERSION),
						new IndexOptions().name(VERSION_INDEX).unique(true));
		}
		log.info("Aggregate indexes ready in {}", this.mongo.getDb().getName());
	}

}
