package tributary.testsupport.corpus;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One generated record value.
 *
 * @param topic the topic it is for
 * @param id the event id it carries if it is an object with a string id, unique in a
 * corpus, else null
 * @param value the record's value, null for a tombstone
 * @param expectation what the contract says about it
 * @param field the field that makes it invalid or special, {@code *} for the whole value,
 * null if valid
 * @param description what was generated, for assertion messages
 */
public record CorpusRecord(Topic topic, @Nullable String id, byte @Nullable [] value, Expectation expectation,
		@Nullable String field, String description) {

	/**
	 * Whether a consumer must dead-letter it.
	 * @param fieldsRead the fields the consumer reads and checks
	 * @return true if it breaks the contract in the whole value or a field read
	 */
	public boolean mustBeDeadLettered(Set<String> fieldsRead) {
		return this.expectation == Expectation.INVALID && isRead(fieldsRead);
	}

	/**
	 * Whether a consumer must process it.
	 * @param fieldsRead the fields the consumer reads and checks
	 * @param keepsWholeValue whether the consumer stores the whole value, unknown fields
	 * included, in a document store
	 * @return true if it is valid as far as the consumer can see
	 */
	public boolean mustBeProcessed(Set<String> fieldsRead, boolean keepsWholeValue) {
		return switch (this.expectation) {
			case VALID -> true;
			case STORE_SPECIAL -> !keepsWholeValue;
			case INVALID -> !isRead(fieldsRead);
			case ANY -> false;
		};
	}

	private boolean isRead(Set<String> fieldsRead) {
		return "*".equals(this.field) || (this.field != null && fieldsRead.contains(this.field));
	}

	@Override
	public String toString() {
		String text = (this.value != null) ? new String(this.value, StandardCharsets.UTF_8) : "<tombstone>";
		return this.topic + " " + this.expectation + " " + this.field + " (" + this.description + "): "
				+ ((text.length() > 300) ? text.substring(0, 300) + "…" : text);
	}

}
