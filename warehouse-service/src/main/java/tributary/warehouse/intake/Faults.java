package tributary.warehouse.intake;

import java.util.IdentityHashMap;
import java.util.Map;

import com.mongodb.MongoException;
import com.mongodb.MongoServerException;
import org.bson.BSONException;
import org.bson.BsonInvalidOperationException;
import org.bson.BsonSerializationException;
import org.bson.codecs.configuration.CodecConfigurationException;
import org.jspecify.annotations.Nullable;
import tributary.warehouse.events.StoreErrorCodes;
import tributary.warehouse.insights.ConcurrentAggregateUpdates;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Which failures can clear by themselves (retried, forever, without committing) and which
 * are caused by a record (dead-lettered at once).
 *
 * <p>
 * The store and the broker being unreachable, slow, electing a primary or short of
 * replicas for the write concern, and writers racing for an aggregate document, pass. A
 * write the store refuses for its content, a document that cannot be encoded, and any
 * exception of this service's own code computing on a record's values do not: retrying
 * them would hold up the partition forever. An exception of the store's driver that is
 * not known to be about the content counts as transient, because dead-lettering a good
 * record is a loss while retrying a bad one only shows as lag.
 */
final class Faults {

	private Faults() {
	}

	/**
	 * Whether a failure can clear by itself.
	 * @param failure what was thrown while taking a batch
	 * @return true to retry the batch, false if records caused it
	 */
	static boolean isTransient(Throwable failure) {
		Map<Throwable, Boolean> seen = new IdentityHashMap<>();
		boolean fromTheStore = false;
		for (Throwable cause = failure; cause != null && seen.put(cause, true) == null; cause = cause.getCause()) {
			Boolean verdict = classify(cause);
			if (verdict != null) {
				return verdict;
			}
			fromTheStore |= cause instanceof MongoException;
		}
		return fromTheStore;
	}

	/** The verdict for this exception alone, or null to look at its cause. */
	private static @Nullable Boolean classify(Throwable failure) {
		if (failure instanceof ConcurrentAggregateUpdates) {
			return true;
		}
		if (failure instanceof MongoException store && StoreErrorCodes.passes(store)) {
			return true;
		}
		if (failure instanceof MongoServerException) {
			// Refused by the store for what was written.
			return false;
		}
		if (failure instanceof TransientDataAccessException || failure instanceof RecoverableDataAccessException
				|| failure instanceof DataAccessResourceFailureException) {
			return true;
		}
		if (failure instanceof BsonSerializationException || failure instanceof BsonInvalidOperationException
				|| failure instanceof BSONException || failure instanceof CodecConfigurationException) {
			return false;
		}
		if (failure instanceof org.apache.kafka.common.KafkaException
				|| failure instanceof org.springframework.kafka.KafkaException
				|| failure instanceof java.util.concurrent.TimeoutException
				|| failure instanceof InterruptedException) {
			// The broker: a record that cannot be
			// dead-lettered cannot be given up either.
			return true;
		}
		return null;
	}

}
