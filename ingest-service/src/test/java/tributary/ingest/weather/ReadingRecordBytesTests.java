package tributary.ingest.weather;

import tributary.ingest.events.EventType;
import tributary.ingest.events.RecordBytesTests;

/**
 * {@link Readings}' record values are written byte for byte as their trees were
 * serialised.
 */
class ReadingRecordBytesTests extends RecordBytesTests {

	@Override
	protected EventType type() {
		return Readings.TYPE;
	}

}
