package tributary.warehouse.insights;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import tributary.support.time.Rfc3339;

/**
 * One hour of UTC time, the bucket events are counted in by their own time (when a
 * reading was taken, a post written, feedback given), never by when they arrived.
 *
 * @param start the first instant of the hour
 */
record Hour(Instant start) implements Comparable<Hour> {

	/** Fixed width, so that ids sort by hour. */
	private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH").withZone(ZoneOffset.UTC);

	/** The hours of the years 0000 to 9999, whose ids are four-digit years. */
	private static final Instant FIRST = Instant.parse("0000-01-01T00:00:00Z");

	private static final Instant AFTER_LAST = Instant.parse("+10000-01-01T00:00:00Z");

	Hour {
		if (!start.truncatedTo(ChronoUnit.HOURS).equals(start)) {
			throw new IllegalArgumentException("An hour starts on the hour but " + start + " does not");
		}
	}

	static Hour of(Instant instant) {
		return new Hour(instant.truncatedTo(ChronoUnit.HOURS));
	}

	/**
	 * The hours that overlap {@code [from, to)}.
	 * @param from the first instant
	 * @param to the instant after the last
	 * @return the hours in order
	 */
	static List<Hour> between(Instant from, Instant to) {
		List<Hour> hours = new ArrayList<>();
		for (Instant hour = from.truncatedTo(ChronoUnit.HOURS); hour
			.isBefore(to); hour = hour.plus(1, ChronoUnit.HOURS)) {
			hours.add(new Hour(hour));
		}
		return hours;
	}

	/** The hour as written in document ids, e.g. {@code 2026-11-20T09}. */
	String id() {
		if (this.start.isBefore(FIRST) || !this.start.isBefore(AFTER_LAST)) {
			return ID.format(this.start);
		}
		// The formatter was a twentieth of the warehouse's CPU per record; in these years
		// the instant's own text starts with the id.
		return Rfc3339.format(this.start).substring(0, 13);
	}

	@Override
	public int compareTo(Hour other) {
		return this.start.compareTo(other.start);
	}

}
