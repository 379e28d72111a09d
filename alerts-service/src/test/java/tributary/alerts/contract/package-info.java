/**
 * The topics' contracts as the tests read them.
 */
@NullMarked
package tributary.alerts.contract;

import org.jspecify.annotations.NullMarked;
