package tributary.demo;

import java.time.Instant;

/**
 * One event for ingest.
 *
 * @param kind what it is, which names the endpoint
 * @param id its id, sent with it so that a retried batch stores nothing twice
 * @param at its own time (observed, created or submitted)
 * @param location the city it is about, if any
 * @param json the request item, a JSON object
 */
record DemoEvent(Kind kind, String id, Instant at, String location, String json) {

	/** The kinds of event the demo sends, each to its ingest endpoint. */
	enum Kind {

		READING("/api/v1/weather"), POST("/api/v1/social-media"), FEEDBACK("/api/v1/feedback");

		private final String path;

		Kind(String path) {
			this.path = path;
		}

		/** The ingest endpoint that takes this kind, relative to ingest's root. */
		String path() {
			return this.path;
		}

	}

}
