package tributary.ingest.social;

import tributary.ingest.events.EventType;
import tributary.ingest.events.RecordBytesTests;

/**
 * {@link Posts}' record values are written byte for byte as their trees were serialised.
 */
class PostRecordBytesTests extends RecordBytesTests {

	@Override
	protected EventType type() {
		return Posts.TYPE;
	}

}
