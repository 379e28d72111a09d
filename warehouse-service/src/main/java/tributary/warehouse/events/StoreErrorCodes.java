package tributary.warehouse.events;

import java.util.Set;

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

}
