/**
 * The local infrastructure: a real KRaft Kafka broker and the embedded MongoDB-compatible
 * store, each started as a JVM of its own by {@code ./tributary} and by the test harness.
 */
@NullMarked
package tributary.local;

import org.jspecify.annotations.NullMarked;
