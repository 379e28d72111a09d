package tributary.ingest.system;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the ingest endpoints take events.
 *
 * @param maxBodySize the largest request body accepted ({@code 413} above it)
 * @param maxBatchItems the most items in one JSON array or NDJSON body ({@code 413} above
 * it)
 * @param futureTolerance how far in the future an event's instants may lie, for clocks
 * that run ahead
 * @param publishTimeout how long a request waits for the broker to acknowledge its events
 * before it answers {@code 503}; with the producer's {@code max.block.ms} and
 * {@code delivery.timeout.ms} it bounds every request
 * @param retryAfter what {@code Retry-After} tells a client when the broker is
 * unavailable
 * @param cors cross-origin access for browser clients
 */
@ConfigurationProperties("tributary.ingest")
public record IngestProperties(@DefaultValue("1MB") DataSize maxBodySize, @DefaultValue("1000") int maxBatchItems,
		@DefaultValue("24h") Duration futureTolerance, @DefaultValue("4500ms") Duration publishTimeout,
		@DefaultValue("5s") Duration retryAfter, @DefaultValue Cors cors) {

	public IngestProperties {
		if (maxBodySize.toBytes() < 1024) {
			throw new IllegalArgumentException("tributary.ingest.max-body-size must be at least 1KB");
		}
		if (maxBatchItems < 1) {
			throw new IllegalArgumentException("tributary.ingest.max-batch-items must be at least 1");
		}
		if (futureTolerance.isNegative()) {
			throw new IllegalArgumentException("tributary.ingest.future-tolerance must not be negative");
		}
		if (publishTimeout.isNegative() || publishTimeout.isZero()) {
			throw new IllegalArgumentException("tributary.ingest.publish-timeout must be positive");
		}
		if (retryAfter.toSeconds() < 1) {
			throw new IllegalArgumentException("tributary.ingest.retry-after must be at least 1s");
		}
	}

	/**
	 * Which browser origins may call {@code /api/**}; none unless configured.
	 *
	 * @param allowedOrigins origins such as {@code https://app.example.com}; empty turns
	 * CORS off
	 * @param maxAge how long a browser may cache a preflight answer
	 */
	public record Cors(@DefaultValue List<String> allowedOrigins, @DefaultValue("30m") Duration maxAge) {

		public boolean enabled() {
			return !this.allowedOrigins.isEmpty();
		}

	}

}
