/**
 * Date-times as they arrive from untrusted producers.
 */
@NullMarked
package tributary.support.time;

import org.jspecify.annotations.NullMarked;
