/**
 * The demo load: a deterministic, realistic mixed stream of weather readings, posts and
 * feedback, with one heat spike in its backfilled hours, sent through ingest's batch
 * endpoints.
 */
@NullMarked
package tributary.demo;

import org.jspecify.annotations.NullMarked;
