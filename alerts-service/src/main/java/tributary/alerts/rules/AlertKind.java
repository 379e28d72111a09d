package tributary.alerts.rules;

/** The kinds of alert, named as the weather_alerts contract names them. */
public enum AlertKind {

	/** One reading at or above the location's threshold. */
	HIGH_TEMPERATURE("high-temperature"),

	/** The mean temperature of a location over a window above the threshold. */
	HEAT_WAVE("heat-wave"),

	/** The share of negative posts about a location over a window above the threshold. */
	SENTIMENT_DROP("sentiment-drop");

	private final String contractName;

	AlertKind(String contractName) {
		this.contractName = contractName;
	}

	/** The name on the topic, e.g. {@code heat-wave}. */
	public String contractName() {
		return this.contractName;
	}

}
