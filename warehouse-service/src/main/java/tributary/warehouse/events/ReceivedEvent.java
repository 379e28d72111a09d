package tributary.warehouse.events;

import org.bson.BsonDocument;

/**
 * A record that was read and checked: the fields the aggregates need and the whole record
 * as a document, unknown fields included.
 *
 * @param event what the aggregates read
 * @param document the record's value, field for field, already in BSON (the reader writes
 * a {@link org.bson.RawBsonDocument}, which the driver copies as it is)
 */
public record ReceivedEvent(Event event, BsonDocument document) {
}
