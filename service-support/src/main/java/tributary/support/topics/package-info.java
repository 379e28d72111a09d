/**
 * The suite's topics, declared in {@code tributary.topics.*} and created at start-up when
 * missing; existing topics are never altered.
 */
@NullMarked
package tributary.support.topics;

import org.jspecify.annotations.NullMarked;
