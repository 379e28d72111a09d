package tributary.ingest.web;

import tributary.ingest.events.EventType;

/**
 * An endpoint that takes one kind of event; implemented by each feature's controller so
 * that the API description can describe it from the same field declarations that validate
 * it.
 */
public interface IngestEndpoint {

	/** The path the endpoint takes events at. */
	String path();

	/** The kind of event it takes. */
	EventType eventType();

}
