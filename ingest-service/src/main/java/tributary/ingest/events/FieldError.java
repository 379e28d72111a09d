package tributary.ingest.events;

/**
 * What is wrong with one field.
 *
 * @param field the field, {@code hashtags[2]} for an item of a list, empty for the item
 * as a whole
 * @param message what is wrong, to be read after the field's name
 */
public record FieldError(String field, String message) {
}
