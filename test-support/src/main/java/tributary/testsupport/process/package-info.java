/**
 * Commands a test runs to completion, with a bound on how long it may take.
 */
@NullMarked
package tributary.testsupport.process;

import org.jspecify.annotations.NullMarked;
