/**
 * The HTTP edge of the ingest endpoints: reading a submission, taking it to the broker,
 * and answering with what the broker confirmed or an RFC 9457 problem.
 */
@NullMarked
package tributary.ingest.web;

import org.jspecify.annotations.NullMarked;
