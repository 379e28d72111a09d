/**
 * The service's wiring: configuration, the clock, metrics, cross-origin access and the
 * API description.
 */
@NullMarked
package tributary.ingest.system;

import org.jspecify.annotations.NullMarked;
