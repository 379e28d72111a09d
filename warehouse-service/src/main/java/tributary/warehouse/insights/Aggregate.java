package tributary.warehouse.insights;

/** The aggregate collections, each keyed by a deterministic {@code _id}. */
enum Aggregate {

	/**
	 * Per location and hour, across sources: {@code <location>|<hour>}, e.g.
	 * {@code Berlin|2026-11-20T09}.
	 */
	HOURLY("hourly_insights"),

	/** Per product: the product's id. */
	PRODUCTS("product_insights"),

	/**
	 * Per product and hour, the feedback only: {@code <productId>|<hour>}, so that a
	 * product's rating can be followed over time.
	 */
	PRODUCT_HOURS("product_hourly_insights"),

	/**
	 * Per platform and hour: {@code <platform>|<hour>}; the empty platform, which no real
	 * one can be, holds all platforms together.
	 */
	PLATFORMS("platform_insights");

	private final String collection;

	Aggregate(String collection) {
		this.collection = collection;
	}

	String collection() {
		return this.collection;
	}

	static String id(String name, Hour hour) {
		// The hour has a fixed width at the end, so even a name
		// containing '|' gives a unique id.
		return name + "|" + hour.id();
	}

}
