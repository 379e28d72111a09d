package tributary.warehouse.events;

import java.util.Locale;

/** The label the sentiment scorer gives a post. */
public enum SentimentLabel {

	POSITIVE, NEUTRAL, NEGATIVE;

	/** The label as written on the topic and in the store. */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
