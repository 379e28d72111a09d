package tributary.alerts.rules;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A scored post as the sentiment-drop rule sees it: the fields of a customer_sentiment
 * record it reads, checked against that topic's contract.
 *
 * @param id the scored post's id
 * @param location where its author was, null (or empty) when unknown: such a post counts
 * for no location
 * @param createdAt when the post was published: its event time
 * @param negative whether its label is {@code negative}
 */
public record ScoredPost(String id, @Nullable String location, Instant createdAt, boolean negative) {

	/** The fields read, as the contract names them. */
	public static final Set<String> FIELDS = Set.of("id", "location", "createdAt", "label");

	private static final Set<String> LABELS = Set.of("positive", "neutral", "negative");

	/**
	 * Reads a customer_sentiment record value.
	 * @param value the bytes on the topic
	 * @return the post
	 * @throws InvalidRecord if it breaks the contract in a field read
	 */
	public static ScoredPost parse(byte @Nullable [] value) {
		JsonFields fields = JsonFields.of(value);
		String id = fields.requiredString("id", 128);
		String location = fields.optionalString("location", 128);
		Instant createdAt = fields.instant("createdAt");
		String label = fields.requiredString("label", 8);
		if (!LABELS.contains(label)) {
			throw new InvalidRecord("label", "is " + label + ", not one of positive, neutral, negative");
		}
		return new ScoredPost(id, (location == null || location.isEmpty()) ? null : location, createdAt,
				label.equals("negative"));
	}

}
