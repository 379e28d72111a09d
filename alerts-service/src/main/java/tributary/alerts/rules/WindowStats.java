package tributary.alerts.rules;

/**
 * What a window has folded in so far: how many records, and the sum of the value the rule
 * looks at (°C for heat-wave, 1 per negative post for sentiment-drop).
 *
 * @param count records folded in
 * @param sum the sum of their values
 */
public record WindowStats(long count, double sum) {

	/** A window nothing has been folded into. */
	public static final WindowStats EMPTY = new WindowStats(0, 0);

	/** This window with one more record. */
	public WindowStats plus(double value) {
		return new WindowStats(this.count + 1, this.sum + value);
	}

	/** The mean of the values, 0 for an empty window. */
	public double mean() {
		return (this.count == 0) ? 0 : this.sum / this.count;
	}

}
