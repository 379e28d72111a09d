package tributary.testsupport.corpus;

/** What the contract says about a generated record. */
public enum Expectation {

	/** Valid under the contract and ordinary for any store: must be processed. */
	VALID,

	/**
	 * Valid under the contract, but special to a document store (a field name with a NUL,
	 * nesting deeper than MongoDB keeps, half a surrogate pair in an unknown field): a
	 * consumer that reads the field must process it or dead-letter it with a reason.
	 */
	STORE_SPECIAL,

	/**
	 * Breaks the contract in {@link CorpusRecord#field()}: must be dead-lettered by a
	 * consumer that reads it.
	 */
	INVALID,

	/**
	 * Left to the consumer (e.g. a field given twice): either outcome, but one of them.
	 */
	ANY

}
