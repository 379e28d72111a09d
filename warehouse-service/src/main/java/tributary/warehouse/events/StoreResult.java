package tributary.warehouse.events;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What happened to one record in the raw store.
 *
 * @param arrival the record
 * @param outcome stored, redelivered, duplicate or unstorable
 * @param storedAt when the store took it (for {@link Outcome#STORED})
 * @param problem why the store refused it (for {@link Outcome#UNSTORABLE})
 */
public record StoreResult(Arrival arrival, Outcome outcome, Instant storedAt, @Nullable String problem) {
}
