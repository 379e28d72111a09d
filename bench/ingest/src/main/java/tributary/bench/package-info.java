/**
 * Load generation for the ingest-service benchmark.
 */
@NullMarked
package tributary.bench;

import org.jspecify.annotations.NullMarked;
