/**
 * Tests of the service's wiring.
 */
@NullMarked
package tributary.alerts.system;

import org.jspecify.annotations.NullMarked;
