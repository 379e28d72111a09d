/**
 * Benchmarks of the sentiment engine's accuracy and speed; run by hand, not by the build.
 */
@NullMarked
package tributary.sentiment.engine.bench;

import org.jspecify.annotations.NullMarked;
