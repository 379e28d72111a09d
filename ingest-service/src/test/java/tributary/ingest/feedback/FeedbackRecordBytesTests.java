package tributary.ingest.feedback;

import tributary.ingest.events.EventType;
import tributary.ingest.events.RecordBytesTests;

/**
 * {@link Feedback}' record values are written byte for byte as their trees were
 * serialised.
 */
class FeedbackRecordBytesTests extends RecordBytesTests {

	@Override
	protected EventType type() {
		return Feedback.TYPE;
	}

}
