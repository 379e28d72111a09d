package tributary.warehouse.events;

import java.util.Set;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;
import com.mongodb.bulk.BulkWriteError;

/**
 * MongoDB server error codes of conditions that pass by themselves: network, shutdown,
 * elections, timeouts, write conflicts and write-concern failures, locks. A write that
 * failed with one of them is retried, never given up as unstorable.
 */
public final class StoreErrorCodes {

	private static final Set<Integer> TRANSIENT = Set.of(6, 7, 24, 46, 50, 64, 89, 91, 112, 133, 134, 189, 202, 262,
			9001, 10107, 11600, 11601, 11602, 13388, 13435, 13436, 16500);

	private StoreErrorCodes() {
	}

	/**
	 * Whether an error code names a condition that passes.
	 * @param code a server error code
	 * @return true if the same write may succeed later
	 */
	public static boolean isTransient(int code) {
		return TRANSIENT.contains(code);
	}

	/**
	 * Whether an exception of the store's driver, this one alone and not its causes, says
	 * the store cannot take writes now and says nothing about the documents: unreachable,
	 * timed out, electing a primary, short of replicas for the write concern, or a server
	 * error whose codes all pass by themselves.
	 * @param failure what a store call threw
	 * @return true if the same write may succeed later
	 */
	public static boolean passes(MongoException failure) {
		if (failure instanceof MongoBulkWriteException bulk) {
			return bulk.getWriteConcernError() != null || (!bulk.getWriteErrors().isEmpty() && bulk.getWriteErrors()
				.stream()
				.map(BulkWriteError::getCode)
				.allMatch(StoreErrorCodes::isTransient));
		}
		if (failure instanceof MongoWriteConcernException || failure instanceof MongoNotPrimaryException
				|| failure instanceof MongoNodeIsRecoveringException || failure instanceof MongoSocketException
				|| failure instanceof MongoTimeoutException || failure instanceof MongoInterruptedException
				|| failure instanceof MongoConnectionPoolClearedException) {
			return true;
		}
		if (failure instanceof MongoServerException server) {
			return isTransient(server.getCode()) || server.hasErrorLabel("RetryableWriteError")
					|| server.hasErrorLabel("TransientTransactionError");
		}
		return false;
	}

}
