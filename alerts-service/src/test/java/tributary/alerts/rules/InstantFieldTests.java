package tributary.alerts.rules;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event's instant is read by hand in the common shape and by the formatter otherwise
 * ({@link JsonFields#instant}); whatever the text, a reading gets the instant, or the
 * refusal, that the formatter alone gave before.
 */
class InstantFieldTests {

	private static final Pattern RFC_3339 = Pattern
		.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");

	private static final Instant FIRST = Instant.parse("0000-01-01T00:00:00Z");

	private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");

	private static final String ALTERATIONS = "0123456789:-+.TZtz 9";

	@Test
	void instantsAndRefusalsAreTheFormattersForTwoHundredThousandTexts() {
		SplittableRandom random = new SplittableRandom(20261205);
		for (int i = 0; i < 200_000; i++) {
			String text = text(random);
			if (i % 2 == 1) {
				text = altered(text, random);
			}
			assertThat(read(text)).as(text).isEqualTo(formerly(text));
		}
	}

	@Test
	void theEdgesOfTheYearsAndOffsetsAreTheFormatters() {
		for (String text : new String[] { "0000-01-01T00:00:00Z", "0000-01-01T00:59:59+01:00",
				"0000-01-01T00:00:00-00:00", "9999-12-31T23:59:59.999999999Z", "9999-12-31T23:00:00-01:00",
				"2026-02-29T00:00:00Z", "2024-02-29T00:00:00Z", "2026-07-14T24:00:00Z", "2026-07-14T23:59:60Z",
				"2026-07-14T13:00:00+18:00", "2026-07-14T13:00:00+18:01", "2026-07-14T13:00:00-18:00",
				"2026-07-14T13:00:00.1234567890Z", "2026-07-14T13:00:00.Z", "2026-07-14t13:00:00z",
				"+2026-07-14T13:00:00Z", "2026-07-14T13:00Z", "2026-07-14T13:00:00+0200" }) {
			assertThat(read(text)).as(text).isEqualTo(formerly(text));
		}
	}

	/** A reading's instant, or the message it was refused with. */
	private static Object read(String text) {
		String json = "{\"id\":\"r\",\"location\":\"Berlin\",\"observedAt\":\"" + text + "\",\"temperatureC\":20}";
		try {
			return Reading.parse(json.getBytes(StandardCharsets.UTF_8)).observedAt();
		}
		catch (InvalidRecord ex) {
			return ex.getMessage();
		}
	}

	/** What JsonFields did before it read the common shape by hand. */
	private static Object formerly(String text) {
		if (text.length() > 35 || !RFC_3339.matcher(text).matches()) {
			return "observedAt is " + ((text.length() > 60) ? text.substring(0, 60) + "…" : text)
					+ ", not an RFC 3339 date-time such as 2026-11-20T09:15:00Z with a four-digit year";
		}
		Instant instant;
		try {
			instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
		}
		catch (DateTimeParseException ex) {
			return "observedAt is " + text + ", not a date and time that exists";
		}
		if (instant.isBefore(FIRST) || instant.isAfter(LAST)) {
			return "observedAt is " + text + ", outside the years 0000 to 9999 in UTC";
		}
		return instant;
	}

	private static String text(SplittableRandom random) {
		StringBuilder text = new StringBuilder();
		text.append("%04d-%02d-%02dT%02d:%02d:%02d".formatted(random.nextInt(10_000), 1 + random.nextInt(12),
				1 + random.nextInt(31), random.nextInt(24), random.nextInt(60), random.nextInt(60)));
		int fraction = random.nextInt(11);
		if (fraction > 0) {
			text.append('.');
			for (int digit = 0; digit < Math.min(fraction, 9); digit++) {
				text.append((char) ('0' + random.nextInt(10)));
			}
		}
		if (random.nextBoolean()) {
			text.append('Z');
		}
		else {
			text.append(random.nextBoolean() ? '+' : '-')
				.append("%02d:%02d".formatted(random.nextInt(19), (random.nextInt(4) == 0) ? random.nextInt(60) : 0));
		}
		return text.toString();
	}

	/** The text with one character replaced, inserted or removed. */
	private static String altered(String text, SplittableRandom random) {
		int at = random.nextInt(text.length());
		char c = ALTERATIONS.charAt(random.nextInt(ALTERATIONS.length()));
		return switch (random.nextInt(3)) {
			case 0 -> text.substring(0, at) + c + text.substring(at + 1);
			case 1 -> text.substring(0, at) + c + text.substring(at);
			default -> text.substring(0, at) + text.substring(at + 1);
		};
	}

}
