/**
 * The events the service takes: each kind's fields, the checks that turn what a client
 * sent into a record, and the ids given to events sent without one.
 */
@NullMarked
package tributary.ingest.events;

import org.jspecify.annotations.NullMarked;
