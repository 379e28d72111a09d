package tributary.warehouse.events;

import java.time.Instant;

import org.bson.Document;

/**
 * A raw event as the store keeps it.
 *
 * @param id the event's id
 * @param coordinates the record it came from
 * @param storedAt when it was stored
 * @param event the record's value, field for field
 */
public record StoredEvent(String id, Coordinates coordinates, Instant storedAt, Document event) {
}
