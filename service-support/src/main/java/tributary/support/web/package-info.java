/**
 * What every service's HTTP edge does the same way.
 */
@NullMarked
package tributary.support.web;

import org.jspecify.annotations.NullMarked;
