/**
 * Alerts raised by alerts-service, kept once each and listed by location, kind and time.
 *
 * <p>
 * An alert is stored exactly once by the same two steps as every event: its record is
 * kept in the raw store under the alert's id, and only the record that owns that id
 * counts ({@link tributary.warehouse.events.RawEvents}); the counted record is then
 * copied into {@code alerts} under the same deterministic id, by an insert that does
 * nothing if the document is there. A copy, unlike a sum, needs no marks: writing it
 * again after a crash or a redelivery writes the same document, and a replay of the
 * source topics raises the same ids, which the raw store takes for duplicates.
 */
@NullMarked
package tributary.warehouse.alerts;

import org.jspecify.annotations.NullMarked;
