package tributary.alerts.topology;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * The event time of a record: the instant it carries (a reading's {@code observedAt}, a
 * post's {@code createdAt}) when it is readable and plausible, else the record's own
 * timestamp. It never throws and never returns a negative time, which Kafka Streams would
 * take as a reason to drop the record unseen: every record reaches the topology, which
 * processes it or dead-letters it.
 *
 * <p>
 * Plausible means from 1970 (Streams has no earlier time) up to {@code maxClockSkew} past
 * this machine's clock: the stream time of a partition only ever moves forward, so a
 * single reading dated 9999 would close every window of its partition for good and no
 * heat wave would be raised there again. Such a record is still processed (its
 * high-temperature alert is raised); it only counts in no window, which
 * {@link #isEventTime} lets the topology tell.
 */
final class EventTimeExtractor implements TimestampExtractor {

	private final long maxClockSkewMillis;

	private final Clock clock;

	EventTimeExtractor(Duration maxClockSkew, Clock clock) {
		this.maxClockSkewMillis = maxClockSkew.toMillis();
		this.clock = clock;
	}

	@Override
	public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
		long latest = this.clock.millis() + this.maxClockSkewMillis;
		// An unreadable value is dead-lettered by the topology: any time will do.
		if (record.value() instanceof Parsed.Readable<?> readable) {
			// The readers keep instants within the years 0000 to 9999: no overflow.
			long millis = readable.eventTime().toEpochMilli();
			if (millis >= 0 && millis <= latest) {
				return millis;
			}
		}
		long timestamp = record.timestamp();
		if (timestamp >= 0 && timestamp <= latest) {
			return timestamp;
		}
		return Math.max(0, partitionTime);
	}

	/**
	 * Whether a record's time is the instant it carries, so that it may count in a
	 * window.
	 * @param recordTime the time this extractor gave the record
	 * @param instant the instant the record carries
	 */
	static boolean isEventTime(long recordTime, Instant instant) {
		return instant.getEpochSecond() >= 0 && recordTime == instant.toEpochMilli();
	}

}
