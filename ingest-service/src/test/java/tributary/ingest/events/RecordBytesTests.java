package tributary.ingest.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import tributary.testsupport.corpus.Corpus;
import tributary.testsupport.corpus.CorpusRecord;
import tributary.testsupport.corpus.Topic;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The record values {@link EventType#check} writes are, byte for byte, what the
 * producer's JSON serializer wrote from the tree the service built until then
 * ({@link TreeRecords}), for generated events of one type: every field absent, null,
 * blank, padded or invalid, texts with escapes, control characters, astral and lone
 * surrogates, numbers in every form JSON has, instants with offsets and fractions, client
 * ids and generated ones, a client's own {@code ingestedAt}, and unknown properties of
 * any shape in any order. Invalid events must be found invalid with the same errors. Each
 * run draws new events; a failure names its seed.
 */
public abstract class RecordBytesTests {

	private static final int EVENTS = 4000;

	private static final Duration TOLERANCE = Duration.ofHours(24);

	/** The kind of event under test. */
	protected abstract EventType type();

	@Test
	void writesTheBytesTheTreeWasSerialisedToWithTheApplicationsMapper() {
		AtomicReference<JsonMapper> boot = new AtomicReference<>();
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
			.run((context) -> boot.set(context.getBean(JsonMapper.class)));
		assertSameBytes(boot.get(), new SplittableRandom().nextLong());
	}

	@Test
	void writesTheBytesTheTreeWasSerialisedToWithAPlainMapper() {
		assertSameBytes(JsonMapper.builder().build(), new SplittableRandom().nextLong());
	}

	@Test
	void writesTheBytesTheTreeWasSerialisedToForTheSharedCorpus() {
		long seed = Corpus.seed(new SplittableRandom().nextLong());
		Topic topic = switch (type().contract()) {
			case "social_media" -> Topic.POST;
			case "weather_data" -> Topic.READING;
			case "customer_feedback" -> Topic.FEEDBACK;
			default -> throw new IllegalStateException("No corpus for " + type().contract());
		};
		JsonMapper mapper = JsonMapper.builder().build();
		ObjectReader reader = reader(mapper);
		TreeRecords trees = new TreeRecords(mapper);
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		int size = Corpus.size(3000);
		int compared = 0;
		try (RecordWriter.Session records = new RecordWriter(mapper).open()) {
			for (CorpusRecord record : new Corpus(seed, "bytes-").records(topic, size)) {
				JsonNode item;
				try {
					item = (record.value() != null) ? reader.readTree(record.value()) : null;
				}
				catch (JacksonException ex) {
					// Refused whole by the submission reader: no record to write.
					item = null;
				}
				if (item != null) {
					compared++;
					assertSame(type().check(item, now, TOLERANCE, records), trees, item, now,
							"seed " + seed + ", " + record.description());
				}
			}
		}
		assertThat(compared).as("corpus records that parse, seed " + seed).isGreaterThan(size / 2);
	}

	private void assertSame(Checked checked, TreeRecords trees, JsonNode item, Instant now, String context) {
		if (checked instanceof Checked.Valid written) {
			TreeRecords.Outcome expected = trees.check(type(), item, now, TOLERANCE, written.id());
			assertThat(expected.errors()).as(context).isEmpty();
			assertThat(written.key()).as(context).isEqualTo(expected.key());
			assertThat(new String(written.value(), StandardCharsets.UTF_8)).as(context).isEqualTo(expected.toString());
			assertThat(written.value()).as(context).isEqualTo(expected.value());
		}
		else {
			TreeRecords.Outcome expected = trees.check(type(), item, now, TOLERANCE, "unused");
			assertThat(((Checked.Invalid) checked).errors()).as(context).isEqualTo(expected.errors());
		}
	}

	private static ObjectReader reader(JsonMapper mapper) {
		// As the submission reader reads bodies.
		return mapper.reader()
			.with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
	}

	private void assertSameBytes(JsonMapper mapper, long seed) {
		ObjectReader reader = reader(mapper);
		RecordWriter writer = new RecordWriter(mapper);
		TreeRecords trees = new TreeRecords(mapper);
		SplittableRandom random = new SplittableRandom(seed);
		Events events = new Events(type(), random.split());
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		// Requests of 1 to 200 events, each written in its own session.
		RecordWriter.Session records = writer.open();
		int left = 0;
		int valid = 0;
		for (int i = 0; i < EVENTS; i++) {
			if (left-- == 0) {
				records.close();
				records = writer.open();
				left = random.nextInt(200);
				now = now.plusMillis(random.nextInt(2000));
			}
			String json = events.next(now);
			JsonNode item = reader.readTree(json.getBytes(StandardCharsets.UTF_8));
			Checked checked = type().check(item, now, TOLERANCE, records);
			if (checked instanceof Checked.Valid) {
				valid++;
			}
			assertSame(checked, trees, item, now, "seed " + seed + ", event " + i + ": " + json);
		}
		records.close();
		// Most events are valid, so that the bytes, not only the errors, are compared.
		assertThat(valid).as("valid events of " + EVENTS + ", seed " + seed).isGreaterThan(EVENTS / 2);
	}

	/** Random events of one type, as JSON text written the many ways clients write it. */
	private static final class Events {

		private static final String[] WORDS = { "a", "Berlin", "ada_l", "light rain", "héllo", "日本語", "naïve café",
				"\uD83D\uDD25", "\uD83D\uDE00 emoji", "tab\there", "line\nbreak", "quote\"d", "back\\slash",
				"nul\u0000", "bell\u0007", "del\u007F", "ls\u2028ps\u2029", "bom\uFEFF", "\u00A0nbsp", "</script>",
				"&amp;" };

		private static final String[] NAMES = { "campaign", "score", "tags", "nested", "x", "é", "日", "with space",
				"quote\"", "back\\", "ctl\u0001", "\uD83D\uDD25", "", "meta", "ingestedAt" };

		private final EventType type;

		private final SplittableRandom random;

		Events(EventType type, SplittableRandom random) {
			this.type = type;
			this.random = random;
		}

		String next(Instant now) {
			List<String> properties = new ArrayList<>();
			for (Field field : this.type.fields()) {
				String value = field(field, now);
				if (value != null) {
					properties.add(string(field.name(), false) + ":" + value);
				}
			}
			int extra = this.random.nextInt(4);
			List<String> names = new ArrayList<>();
			for (int i = 0; i < extra; i++) {
				String name = NAMES[this.random.nextInt(NAMES.length)] + ((this.random.nextInt(3) == 0) ? i : "");
				if (this.type.fields().stream().noneMatch((field) -> field.name().equals(name))
						&& !names.contains(name)) {
					names.add(name);
					properties.add(string(name, false) + ":" + any(this.random.nextInt(4)));
				}
			}
			if (this.random.nextInt(50) == 0) {
				properties.add("\"deep\":" + "[".repeat(300) + "1" + "]".repeat(300));
			}
			Collections.shuffle(properties, new java.util.Random(this.random.nextLong()));
			String space = (this.random.nextInt(4) == 0) ? " " : "";
			return "{" + space + String.join("," + space, properties) + space + "}";
		}

		private String field(Field field, Instant now) {
			int roll = this.random.nextInt(100);
			if (roll < (field.required() ? 1 : 25)) {
				return null;
			}
			if (roll < (field.required() ? 2 : 35)) {
				return "null";
			}
			if (roll < (field.required() ? 4 : 38)) {
				return any(1);
			}
			return switch (field.type()) {
				case TEXT -> text(field);
				case INSTANT -> instant(now);
				case NUMBER -> number(field.minimum(), field.maximum(), false);
				case INTEGER -> number(field.minimum(), field.maximum(), true);
				case TEXT_LIST -> {
					int items = (this.random.nextInt(20) == 0) ? field.maxItems() : this.random.nextInt(4);
					List<String> texts = new ArrayList<>();
					for (int i = 0; i < items; i++) {
						texts.add(text(field));
					}
					yield "[" + String.join(",", texts) + "]";
				}
			};
		}

		private String text(Field field) {
			int roll = this.random.nextInt(100);
			if (field.pattern() != null) {
				String allowed = "abcdefghijklmnopqrstuvwxyz0123456789_-";
				StringBuilder text = new StringBuilder();
				int length = 1 + this.random.nextInt(12);
				for (int i = 0; i < length; i++) {
					text.append(allowed.charAt(this.random.nextInt(allowed.length())));
				}
				return string((roll < 3) ? text.toString().toUpperCase(java.util.Locale.ROOT) : text.toString(), true);
			}
			if (roll < 3) {
				return string(" \t ", true);
			}
			if (roll < 5) {
				return string("x".repeat(field.maxLength() + 1), true);
			}
			if (roll < 7) {
				return string("\uD83D\uDD25".repeat(field.maxLength()), true);
			}
			StringBuilder text = new StringBuilder();
			if (roll < 20) {
				text.append(" \t\n\u2003".charAt(this.random.nextInt(4)));
			}
			int words = 1 + this.random.nextInt(4);
			for (int i = 0; i < words; i++) {
				text.append((i > 0) ? " " : "").append(WORDS[this.random.nextInt(WORDS.length)]);
			}
			if (roll < 10) {
				text.append((char) (0xD800 + this.random.nextInt(0x800)));
			}
			if (roll > 90) {
				text.append(" \n");
			}
			return string(text.toString(), true);
		}

		private String instant(Instant now) {
			long earliest = Field.EARLIEST.getEpochSecond() - ((this.random.nextInt(50) == 0) ? 86_400 : 0);
			long latest = now.getEpochSecond() + ((this.random.nextInt(50) == 0) ? 200_000 : 3_600);
			Instant instant = Instant.ofEpochSecond(earliest + this.random.nextLong(latest - earliest));
			int offsetMinutes = switch (this.random.nextInt(4)) {
				case 0 -> 0;
				case 1 -> 330;
				case 2 -> -480;
				default -> 15 * (this.random.nextInt(113) - 56);
			};
			java.time.OffsetDateTime local = instant.atOffset(java.time.ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
			String text = String.format(java.util.Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d", local.getYear(),
					local.getMonthValue(), local.getDayOfMonth(), local.getHour(), local.getMinute(),
					local.getSecond());
			int digits = this.random.nextInt(10);
			if (digits > 0) {
				text += "." + String.format(java.util.Locale.ROOT, "%09d", this.random.nextInt(1_000_000_000))
					.substring(0, digits);
			}
			text += (offsetMinutes == 0 && this.random.nextBoolean()) ? "Z" : local.getOffset().getId();
			text = (offsetMinutes == 0 && text.endsWith("Z") && this.random.nextInt(10) == 0) ? text + "x" : text;
			return string((this.random.nextInt(10) == 0) ? " " + text + " " : text, true);
		}

		private String number(Double minimum, Double maximum, boolean integer) {
			double low = (minimum != null) ? minimum : -1e6;
			double high = (maximum != null) ? maximum : 1e6;
			int roll = this.random.nextInt(100);
			if (roll < 3) {
				return anyNumber();
			}
			double value = low + this.random.nextDouble() * (high - low);
			long whole = Math.round(value);
			if (integer || roll < 30) {
				return switch (this.random.nextInt(6)) {
					case 0 -> whole + ".0";
					case 1 -> whole + "e0";
					case 2 -> (whole * 10) + "E-1";
					case 3 -> (whole == 0) ? "-0" : Long.toString(whole);
					default -> Long.toString(whole);
				};
			}
			return switch (this.random.nextInt(6)) {
				case 0 -> Double.toString(value);
				case 1 -> String.format(java.util.Locale.ROOT, "%.3f", value);
				case 2 -> String.format(java.util.Locale.ROOT, "%.4e", value);
				case 3 -> String.format(java.util.Locale.ROOT, "%.25f", value);
				case 4 -> new java.math.BigDecimal(value).toPlainString();
				default -> Double.toString(value).replace("E", "e+").replace("e+-", "e-");
			};
		}

		private String anyNumber() {
			String[] forms = { "0", "-0", "0.0", "-0.0", "1e400", "-1e400", "1e-400", "123456789012345678901234567890",
					"-9223372036854775809", "9223372036854775807", "3.141592653589793238462643383279",
					"1.7976931348623157e308", "4.9e-324", "1E2", "1e+2", "2.50", "100000000000000000000.0" };
			return forms[this.random.nextInt(forms.length)];
		}

		private String any(int depth) {
			int roll = this.random.nextInt((depth > 0) ? 9 : 7);
			return switch (roll) {
				case 0 -> "true";
				case 1 -> "false";
				case 2 -> "null";
				case 3 -> anyNumber();
				case 4 -> number(null, null, this.random.nextBoolean());
				case 5, 6 -> string(WORDS[this.random.nextInt(WORDS.length)], true);
				case 7 -> {
					List<String> items = new ArrayList<>();
					for (int i = this.random.nextInt(4); i > 0; i--) {
						items.add(any(depth - 1));
					}
					yield "[" + String.join(",", items) + "]";
				}
				default -> {
					List<String> properties = new ArrayList<>();
					for (int i = this.random.nextInt(4); i > 0; i--) {
						properties
							.add(string(NAMES[this.random.nextInt(NAMES.length)] + i, false) + ":" + any(depth - 1));
					}
					yield "{" + String.join(",", properties) + "}";
				}
			};
		}

		/** A JSON string literal, escaping what must be escaped and, at random, more. */
		private String string(String text, boolean randomEscapes) {
			StringBuilder json = new StringBuilder("\"");
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				if (Character.isHighSurrogate(c) && i + 1 < text.length()
						&& Character.isLowSurrogate(text.charAt(i + 1))) {
					// A pair goes raw or escaped as a whole: half of it raw is no UTF-8.
					boolean escaped = randomEscapes && this.random.nextInt(4) == 0;
					json.append(escaped ? escape(c) + escape(text.charAt(i + 1)) : text.substring(i, i + 2));
					i++;
					continue;
				}
				if (c == '"' || c == '\\') {
					json.append('\\').append(c);
				}
				else if (c < 0x20 || Character.isSurrogate(c) || (randomEscapes && this.random.nextInt(8) == 0)) {
					json.append(escape(c));
				}
				else {
					json.append(c);
				}
			}
			return json.append('"').toString();
		}

		private String escape(char c) {
			return String.format(java.util.Locale.ROOT, this.random.nextBoolean() ? "\\u%04x" : "\\u%04X", (int) c);
		}

	}

}
