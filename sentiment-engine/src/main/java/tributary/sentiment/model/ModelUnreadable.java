package tributary.sentiment.model;

/**
 * A model file that is missing, truncated, corrupt or made for another feature scheme:
 * the service cannot score with it, so it must not start. The message names the file.
 */
public final class ModelUnreadable extends RuntimeException {

	private static final long serialVersionUID = 1L;

	ModelUnreadable(String message) {
		super(message);
	}

	ModelUnreadable(String message, Throwable cause) {
		super(message, cause);
	}

}
