package tributary.sentiment.stream;

/**
 * A record on social_media that is not a post this service can score; it goes to the
 * dead-letter topic with this message in its headers.
 */
class InvalidPost extends IllegalArgumentException {

	InvalidPost(String field, String problem) {
		super("The post's " + field + " " + problem);
	}

	InvalidPost(String message) {
		super(message);
	}

}
