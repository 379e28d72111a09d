/**
 * The events the warehouse keeps: what each topic carries, how a record is read and
 * checked against its contract, and the raw store that keeps every event once.
 */
@NullMarked
package tributary.warehouse.events;

import org.jspecify.annotations.NullMarked;
