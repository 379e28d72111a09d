package tributary.alerts.rules;

/**
 * A record on an input topic that breaks its contract: it can never raise or count
 * towards an alert, whoever retries it.
 */
public class InvalidRecord extends RuntimeException {

	InvalidRecord(String field, String problem) {
		super(field + " " + problem);
	}

	InvalidRecord(String message, Throwable cause) {
		super(message, cause);
	}

}
