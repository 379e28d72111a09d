/**
 * End-to-end tests of the whole suite, started by {@code ./tributary up} exactly as a
 * newcomer starts it, on free ports with its data in {@code target/}.
 */
@NullMarked
package tributary.suite;

import org.jspecify.annotations.NullMarked;
