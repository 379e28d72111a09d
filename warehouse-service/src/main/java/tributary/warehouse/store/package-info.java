/**
 * Writing a batch's documents of many collections to the store in as few durable writes
 * as the store allows: one {@code bulkWrite} command where it has one, one write per
 * collection where it does not.
 */
@NullMarked
package tributary.warehouse.store;

import org.jspecify.annotations.NullMarked;
