/**
 * Tests of the topology, with TopologyTestDriver and through a real broker.
 */
@NullMarked
package tributary.alerts.topology;

import org.jspecify.annotations.NullMarked;
