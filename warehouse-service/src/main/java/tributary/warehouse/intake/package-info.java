/**
 * Taking records off the event topics in batches: read and check each, store the raw
 * events, fold the counted ones into the aggregates, dead-letter what cannot be used.
 */
@NullMarked
package tributary.warehouse.intake;

import org.jspecify.annotations.NullMarked;
