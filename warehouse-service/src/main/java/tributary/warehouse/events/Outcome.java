package tributary.warehouse.events;

/** What storing one record came to. */
public enum Outcome {

	/** First time this id was seen: stored now. */
	STORED(true),

	/**
	 * This very record (same topic, partition and offset) was stored before: a
	 * redelivery. It still counts, because its aggregates may not have been written yet;
	 * they decide themselves whether they have it.
	 */
	REDELIVERED(true),

	/** Another record already brought this id: this one is ignored. */
	DUPLICATE(false),

	/** The store refused the document itself (not the store being down). */
	UNSTORABLE(false);

	private final boolean counts;

	Outcome(boolean counts) {
		this.counts = counts;
	}

	/** Whether the record counts toward the aggregates. */
	public boolean counts() {
		return this.counts;
	}

}
