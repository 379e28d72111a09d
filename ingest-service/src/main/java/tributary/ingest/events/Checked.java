package tributary.ingest.events;

import java.util.List;

/** The outcome of checking an item against its {@link EventType}. */
public sealed interface Checked {

	/**
	 * A valid item, ready to publish.
	 *
	 * @param id the event's id, given or generated
	 * @param key the record key
	 * @param value the record value, as JSON in UTF-8
	 */
	record Valid(String id, String key, byte[] value) implements Checked {
	}

	/**
	 * An item that must not be published.
	 *
	 * @param errors every problem found, by field
	 */
	record Invalid(List<FieldError> errors) implements Checked {

		public Invalid {
			errors = List.copyOf(errors);
		}

	}

}
