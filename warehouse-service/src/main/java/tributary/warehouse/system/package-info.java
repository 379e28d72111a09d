/**
 * Wiring shared by the features: typed configuration, the store's client, health and
 * indexes, the broker's admin client, and the API description.
 */
@NullMarked
package tributary.warehouse.system;

import org.jspecify.annotations.NullMarked;
