/**
 * Wiring shared by the stream and the API: typed configuration and the one scoring
 * engine.
 */
@NullMarked
package tributary.sentiment.system;

import org.jspecify.annotations.NullMarked;
