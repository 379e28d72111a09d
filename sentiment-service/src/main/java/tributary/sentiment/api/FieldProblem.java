package tributary.sentiment.api;

/**
 * What is wrong with one field of a request.
 *
 * @param field where, e.g. {@code text} or {@code [3].text} in a batch
 * @param message what, e.g. {@code is required}
 */
record FieldProblem(String field, String message) {

	@Override
	public String toString() {
		return this.field.isEmpty() ? this.message : this.field + " " + this.message;
	}

}
