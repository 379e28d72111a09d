package tributary.warehouse.insights;

/**
 * Aggregate documents kept changing under this writer; the batch is retried as a whole
 * later, which is safe because nothing is folded in twice.
 */
public class ConcurrentAggregateUpdates extends RuntimeException {

	public ConcurrentAggregateUpdates(String collection, int documents, int attempts) {
		super(documents + " documents of " + collection + " changed under this writer " + attempts + " times in a row");
	}

}
