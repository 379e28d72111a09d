package tributary.ingest.events;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The ids the service gives events sent without one: time-ordered (version 7, RFC 9562)
 * UUIDs.
 *
 * <p>
 * Ids that grow with time are inserted at the right-hand edge of a store's {@code _id}
 * index (MongoDB's and the embedded store's B-trees alike) instead of at a random leaf
 * each, so a write touches a few hot pages rather than one more page per event
 * (bench/store/BENCHMARKS.md measures it). Ids must be unique, not unguessable:
 * {@code UUID.randomUUID()} reads {@code /dev/urandom} under a lock for every id and was
 * the hottest method in the ingest benchmark's profile. With 74 bits from
 * {@link ThreadLocalRandom} per millisecond, two ids collide with odds of about 10^-8
 * over a year of 100 ids every millisecond.
 */
final class EventIds {

	private EventIds() {
	}

	/**
	 * A new id: the ingest instant's milliseconds, then 74 random bits.
	 * @param ingestedAt when the event was accepted
	 * @return the id, in the canonical 36-character form
	 */
	static String newId(Instant ingestedAt) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long high = (ingestedAt.toEpochMilli() << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
		long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(high, low).toString();
	}

}
