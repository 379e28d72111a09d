/**
 * Checks of text as it arrives from untrusted producers.
 */
@NullMarked
package tributary.support.text;

import org.jspecify.annotations.NullMarked;
