/**
 * What {@code /actuator/info} tells anyone who asks: the version and commit a service was
 * built from, and nothing about the machine or the people that built it.
 */
@NullMarked
package tributary.support.info;

import org.jspecify.annotations.NullMarked;
