package tributary.alerts.topology;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.jspecify.annotations.Nullable;
import tributary.alerts.rules.Alert;

/**
 * Gives each alert the headers its contract names ({@code event-type=alert},
 * {@code schema-version=1}) in place of whatever the record that raised it carried, and
 * counts it.
 */
final class PublishAlerts implements FixedKeyProcessor<String, Alert, Alert> {

	static final String EVENT_TYPE_HEADER = "event-type";

	static final String SCHEMA_VERSION_HEADER = "schema-version";

	private static final byte[] EVENT_TYPE = "alert".getBytes(StandardCharsets.UTF_8);

	private static final byte[] SCHEMA_VERSION = "1".getBytes(StandardCharsets.UTF_8);

	private final AlertMetrics metrics;

	private @Nullable FixedKeyProcessorContext<String, Alert> context;

	PublishAlerts(AlertMetrics metrics) {
		this.metrics = metrics;
	}

	@Override
	public void init(FixedKeyProcessorContext<String, Alert> context) {
		this.context = context;
	}

	@Override
	public void process(FixedKeyRecord<String, Alert> record) {
		FixedKeyProcessorContext<String, Alert> context = this.context;
		if (context == null) {
			throw new IllegalStateException("not initialised");
		}
		RecordHeaders headers = new RecordHeaders();
		headers.add(EVENT_TYPE_HEADER, EVENT_TYPE);
		headers.add(SCHEMA_VERSION_HEADER, SCHEMA_VERSION);
		this.metrics.raised(record.value().kind());
		context.forward(record.withHeaders(headers));
	}

}
