/**
 * Customer feedback: its fields and the endpoint that publishes it to
 * {@code customer_feedback}.
 */
@NullMarked
package tributary.ingest.feedback;

import org.jspecify.annotations.NullMarked;
