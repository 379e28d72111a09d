package tributary.warehouse.events;

import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tributary.warehouse.system.BrokerAdmin;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The Kafka topic id of each consumed topic's current incarnation, so that the store can
 * tell a record of a deleted and recreated topic from one of the topic it replaced: both
 * have the same name and their offsets both start at 0, but each incarnation has its own
 * id.
 *
 * <p>
 * Ids are cached and described again when partitions are assigned (deleting a topic
 * revokes its partitions, recreating it assigns the new ones) and whenever a topic is not
 * cached yet. The first time this warehouse resolves a topic, it also records in the
 * store which incarnation that was: documents written before topic ids were kept carry
 * none, and they belong to that one.
 */
@Component
public class TopicIds {

	static final String INCARNATIONS = "topic_incarnations";

	static final String UNMARKED = "unmarked";

	private static final Logger log = LoggerFactory.getLogger(TopicIds.class);

	private final Lookup lookup;

	private final MongoTemplate mongo;

	private final Map<String, String> current = new ConcurrentHashMap<>();

	private final Map<String, String> unmarked = new ConcurrentHashMap<>();

	@Autowired
	public TopicIds(BrokerAdmin admin, MongoTemplate mongo) {
		this(new AdminLookup(admin), mongo);
	}

	/**
	 * Topic ids from another source than the broker.
	 * @param lookup finds the current ids of topics
	 * @param mongo the store that keeps which incarnation unmarked documents belong to
	 */
	public TopicIds(Lookup lookup, MongoTemplate mongo) {
		this.lookup = lookup;
		this.mongo = mongo;
	}

	/**
	 * The id of a topic's current incarnation.
	 * @param topic a topic that exists
	 * @return its id, as cached or, if it is not, as the broker says now
	 * @throws RuntimeException if the broker cannot tell: the batch is retried then
	 */
	public String current(String topic) {
		String id = this.current.get(topic);
		return (id != null) ? id : idIn(refresh(List.of(topic)), topic);
	}

	/**
	 * Describes topics again, whatever is cached: their partitions were just assigned,
	 * and a topic may have been recreated since it was last described.
	 * @param topics the topics
	 * @return their current ids
	 * @throws RuntimeException if the broker cannot tell; the topics are then no longer
	 * cached, so that their next use asks again rather than trusting an old id
	 */
	public Map<String, String> refresh(Collection<String> topics) {
		Map<String, String> ids;
		try {
			ids = this.lookup.describe(topics);
		}
		catch (RuntimeException ex) {
			topics.forEach(this.current::remove);
			throw ex;
		}
		for (String topic : topics) {
			String id = idIn(ids, topic);
			pinUnmarked(topic, id);
			String before = this.current.put(topic, id);
			if (before != null && !before.equals(id)) {
				log.info("Topic {} was recreated: its id changed from {} to {}", topic, before, id);
			}
		}
		return ids;
	}

	private String idIn(Map<String, String> ids, String topic) {
		String id = ids.get(topic);
		if (id == null) {
			this.current.remove(topic);
			// Retriable: a topic being recreated exists again in a moment, and its
			// records must not be given up meanwhile.
			throw new UnknownTopicOrPartitionException("Topic " + topic + " does not exist (any more)");
		}
		return id;
	}

	/**
	 * The incarnation that documents without a topic id belong to: the one current when
	 * this warehouse first resolved the topic, kept in the store. They were written
	 * before ids were kept, so by that incarnation unless the topic was recreated before
	 * the first start that keeps ids.
	 * @param topic the topic
	 * @return the id that stands for a missing one
	 */
	public String unmarked(String topic) {
		String id = this.unmarked.get(topic);
		return (id != null) ? id : pinUnmarked(topic, current(topic));
	}

	private String pinUnmarked(String topic, String id) {
		String pinned = this.unmarked.get(topic);
		if (pinned != null) {
			return pinned;
		}
		// Inserted once and never changed: only the first incarnation seen may own the
		// documents written without ids.
		Document incarnation = this.mongo.getCollection(INCARNATIONS)
			.findOneAndUpdate(Filters.eq("_id", topic),
					Updates.combine(Updates.setOnInsert(UNMARKED, id), Updates.setOnInsert("since", new Date())),
					new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
		pinned = (incarnation != null) ? incarnation.getString(UNMARKED) : id;
		this.unmarked.put(topic, pinned);
		return pinned;
	}

	/** Finds the current ids of topics. */
	@FunctionalInterface
	public interface Lookup {

		/**
		 * The ids of the topics' current incarnations.
		 * @param topics topic names
		 * @return the id of each that exists
		 * @throws RuntimeException if the broker cannot be asked
		 */
		Map<String, String> describe(Collection<String> topics);

	}

}
