/**
 * Keeps every event in MongoDB, maintains exact aggregates and answers questions about
 * them.
 */
@NullMarked
package tributary.warehouse;

import org.jspecify.annotations.NullMarked;
