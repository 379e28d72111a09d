package tributary.warehouse.insights;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * One hour of UTC time, the bucket events are counted in by their own time (when a
 * reading was taken, a post written, feedback given), never by when they arrived.
 *
 * @param start the first instant of the hour
 */
record Hour(Instant start) implements Comparable<Hour> {

	/** Fixed width, so that ids sort by hour. */
	private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH").withZone(ZoneOffset.UTC);

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
		long seconds = this.start.getEpochSecond();
		long days = Math.floorDiv(seconds, 86_400L);
		LocalDate date = LocalDate.ofEpochDay(days);
		if (date.getYear() < 0 || date.getYear() > 9999) {
			return ID.format(this.start);
		}
		// Written by hand: the formatter was a twentieth of the warehouse's CPU per
		// record.
		int hour = (int) (Math.floorMod(seconds, 86_400L) / 3600);
		char[] id = new char[13];
		fill(id, 0, 4, date.getYear());
		id[4] = '-';
		fill(id, 5, 2, date.getMonthValue());
		id[7] = '-';
		fill(id, 8, 2, date.getDayOfMonth());
		id[10] = 'T';
		fill(id, 11, 2, hour);
		return new String(id);
	}

	private static void fill(char[] into, int from, int width, int value) {
		for (int i = from + width - 1; i >= from; i--) {
			into[i] = (char) ('0' + value % 10);
			value /= 10;
		}
	}

	@Override
	public int compareTo(Hour other) {
		return this.start.compareTo(other.start);
	}

}
