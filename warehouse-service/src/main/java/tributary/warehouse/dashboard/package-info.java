/**
 * The dashboard a person looks at, served at the warehouse's root: the pages themselves
 * are static resources, and this package adds what the insights API does not answer, the
 * flow of records through the warehouse as its own meters measure it.
 */
@NullMarked
package tributary.warehouse.dashboard;

import org.jspecify.annotations.NullMarked;
