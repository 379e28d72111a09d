/**
 * The alert rules and the records they read and raise, free of Kafka: what a reading or a
 * scored post must hold to count, when a threshold is crossed, and the alert that says
 * so, with an id that the same condition always yields.
 */
@NullMarked
package tributary.alerts.rules;

import org.jspecify.annotations.NullMarked;
