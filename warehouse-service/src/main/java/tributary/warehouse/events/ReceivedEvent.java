package tributary.warehouse.events;

import org.bson.Document;

/**
 * A record that was read and checked: the fields the aggregates need and the whole record
 * as a document, unknown fields included.
 *
 * @param event what the aggregates read
 * @param document the record's value, field for field
 */
public record ReceivedEvent(Event event, Document document) {
}
