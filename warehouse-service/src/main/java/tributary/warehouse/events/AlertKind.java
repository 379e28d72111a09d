package tributary.warehouse.events;

import java.util.Optional;

/** What raised an alert, as the {@code weather_alerts} contract names it. */
public enum AlertKind {

	/** One reading at or above the threshold. */
	HIGH_TEMPERATURE("high-temperature"),

	/** The mean temperature of a location over a window above the threshold. */
	HEAT_WAVE("heat-wave"),

	/** The share of negative posts about a location over a window above the threshold. */
	SENTIMENT_DROP("sentiment-drop");

	private final String value;

	AlertKind(String value) {
		this.value = value;
	}

	/** The kind as written on the topic, in the store and in the API. */
	public String value() {
		return this.value;
	}

	/**
	 * The kind a name stands for.
	 * @param value a kind as written on the topic
	 * @return the kind, or empty if no kind has that name
	 */
	public static Optional<AlertKind> of(String value) {
		for (AlertKind kind : values()) {
			if (kind.value.equals(value)) {
				return Optional.of(kind);
			}
		}
		return Optional.empty();
	}

}
