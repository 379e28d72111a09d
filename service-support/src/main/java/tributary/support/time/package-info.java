/**
 * Date-times as they arrive from untrusted producers, and as the services write them.
 */
@NullMarked
package tributary.support.time;

import org.jspecify.annotations.NullMarked;
