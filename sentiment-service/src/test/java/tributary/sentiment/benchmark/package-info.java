/**
 * The end-to-end throughput benchmark of the stream (run by
 * {@code bench/run sentiment-service}, not by the test suite).
 */
@NullMarked
package tributary.sentiment.benchmark;

import org.jspecify.annotations.NullMarked;
