package tributary.testsupport.corpus;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Generates record values for the topics from a seed: valid ones with unusual but legal
 * values (instants in year 0000 and 9999, strings of the maximum length in astral
 * characters, numbers at the bounds, unknown fields named like MongoDB operators), ones
 * that break the contract in one field, hostile whole values (not JSON, invalid UTF-8,
 * truncated, nested beyond any parser's limit) and values special to a document store.
 * Each record says what the contract expects of it ({@link Expectation}).
 *
 * <p>
 * The same seed gives the same corpus; {@link #size(int)} reads the system property
 * {@value #SIZE_PROPERTY} so that a larger corpus runs on demand.
 */
public final class Corpus {

	/** The system property that sets how many records a property test generates. */
	public static final String SIZE_PROPERTY = "tributary.corpus.size";

	/** The system property that sets the seed, to reproduce a failure. */
	public static final String SEED_PROPERTY = "tributary.corpus.seed";

	private static final Instant FIRST = Instant.parse("0000-01-01T00:00:00Z");

	private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");

	private static final DateTimeFormatter OFFSET = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

	private static final String[] HOSTILE_KEYS = { "$set", "$where", "a.b", "..", "_id", "$", "", "x.$y", "__proto__",
			"constructor", "$numberLong", "$oid", "$date" };

	private static final int[] ASTRAL = { 0x1F600, 0x1F4A9, 0x10348, 0x1D11E, 0x10FFFF };

	private static final String HEX = "0123456789abcdef";

	private final Random random;

	private final String prefix;

	private int next;

	/**
	 * A generator.
	 * @param seed the seed: the same seed, the same records
	 * @param prefix starts every id, so that corpora of different tests do not collide
	 */
	public Corpus(long seed, String prefix) {
		this.random = new Random(seed);
		this.prefix = prefix;
	}

	/**
	 * How many records to generate.
	 * @param reduced the number for the normal build
	 * @return {@value #SIZE_PROPERTY} if set, else {@code reduced}
	 */
	public static int size(int reduced) {
		return Integer.getInteger(SIZE_PROPERTY, reduced);
	}

	/**
	 * The seed to use.
	 * @param fallback the seed for the normal build
	 * @return {@value #SEED_PROPERTY} if set, else {@code fallback}
	 */
	public static long seed(long fallback) {
		return Long.getLong(SEED_PROPERTY, fallback);
	}

	/** Records for one topic. */
	public List<CorpusRecord> records(Topic topic, int count) {
		List<CorpusRecord> records = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			records.add(record(topic));
		}
		return records;
	}

	/** One record: about two in five valid, the rest hostile in one way or another. */
	public CorpusRecord record(Topic topic) {
		int dice = this.random.nextInt(100);
		if (dice < 40) {
			return valid(topic);
		}
		if (dice < 70) {
			return invalidField(topic);
		}
		if (dice < 84) {
			return hostileValue(topic);
		}
		if (dice < 94) {
			return storeSpecial(topic);
		}
		return ambiguous(topic);
	}

	/** A record valid under the contract, with unusual values and unknown fields. */
	public CorpusRecord valid(Topic topic) {
		Fields fields = fields(topic);
		String description = "valid";
		if (this.random.nextInt(3) == 0) {
			String key = pick(HOSTILE_KEYS);
			fields.put("x-" + this.next + key, unknownValue(3));
			fields.put(key.isEmpty() ? "x-empty" : key, unknownValue(3));
			description = "valid with unknown field " + key;
		}
		if (this.random.nextInt(100) == 0) {
			fields.put("x-huge", quote(string(100_000, 200_000, false)));
			description = "valid with a huge unknown field";
		}
		return record(topic, fields, Expectation.VALID, null, description);
	}

	/** A record that breaks the contract in one field. */
	public CorpusRecord invalidField(Topic topic) {
		Fields fields = fields(topic);
		List<String> names = new ArrayList<>(fields.names());
		names.remove("id");
		String field = names.get(this.random.nextInt(names.size()));
		String bad = invalidValue(topic, field);
		if (bad == null) {
			fields.remove(field);
			return record(topic, fields, Expectation.INVALID, field, "missing " + field);
		}
		fields.put(field, bad);
		return record(topic, fields, Expectation.INVALID, field, "invalid " + field);
	}

	/** A value that is not a JSON object at all, or not one any parser takes. */
	public CorpusRecord hostileValue(Topic topic) {
		Fields fields = fields(topic);
		byte[] json = fields.json().getBytes(StandardCharsets.UTF_8);
		int kind = this.random.nextInt(12);
		byte[] value = switch (kind) {
			case 0 -> randomBytes(this.random.nextInt(200));
			case 1 -> invalidUtf8(topic, fields);
			case 2 -> java.util.Arrays.copyOf(json, this.random.nextInt(json.length));
			case 3 -> utf8(pick(
					new String[] { "[]", "42", "\"text\"", "null", "true", " ", "", "[" + fields.json() + "]", "{}" }));
			case 4 -> null;
			case 5 -> utf8("[".repeat(100_000) + "]".repeat(100_000));
			case 6 -> utf8(fields.json().replaceFirst("\\{", "{\"x-nan\":NaN,"));
			case 7 -> utf8(fields.json().replaceFirst("\\{", "{'single':'quotes',"));
			case 8 -> utf8(fields.json().replaceFirst("\\{", "{\"x-long\":1" + "0".repeat(5000) + ","));
			case 9 -> utf8(fields.json().replaceFirst("\\}$", ",}"));
			case 10 -> utf8("{\"x-nest\":" + "{\"a\":".repeat(5000) + "1" + "}".repeat(5000) + ","
					+ fields.json().substring(1));
			default -> utf8("// comment\n" + fields.json());
		};
		// A 5,000-digit number in an unknown field: a consumer that skips the field may
		// never look at it.
		Expectation expectation = (kind == 8) ? Expectation.ANY : Expectation.INVALID;
		return new CorpusRecord(topic, null, value, expectation, "*", "hostile value " + kind);
	}

	/** Valid under the contract, but not what a document store keeps as written. */
	public CorpusRecord storeSpecial(Topic topic) {
		Fields fields = fields(topic);
		int kind = this.random.nextInt(4);
		String description = switch (kind) {
			case 0 -> {
				int depth = 100 + this.random.nextInt(300);
				fields.put("x-deep", "[".repeat(depth) + "1" + "]".repeat(depth));
				yield "unknown field nested " + depth + " deep";
			}
			case 1 -> {
				fields.put("x-surrogate", "\"half a pair \\ud83d here\"");
				yield "unknown field with a lone surrogate";
			}
			case 2 -> {
				fields.putLiteral("\"x-nul\\u0000key\"", "1");
				yield "unknown field whose name has a NUL";
			}
			default -> {
				fields.putLiteral("\"x-lone-\\udc00\"", "1");
				yield "unknown field whose name has a lone surrogate";
			}
		};
		// JSON parsers may refuse half a surrogate pair in a name (RFC 8259, section
		// 8.2).
		return record(topic, fields, (kind == 3) ? Expectation.ANY : Expectation.STORE_SPECIAL, "x-", description);
	}

	/**
	 * What the contract leaves open: a field given twice, a second value after the first.
	 */
	public CorpusRecord ambiguous(Topic topic) {
		Fields fields = fields(topic);
		int kind = this.random.nextInt(3);
		String json = fields.json();
		String description;
		if (kind == 0) {
			json = json.replaceFirst("\\{", "{\"x-twice\":1,\"x-twice\":2,");
			description = "a field given twice";
		}
		else if (kind == 1) {
			json = json + " {}";
			description = "a second value after the object";
		}
		else {
			fields.remove("ingestedAt");
			json = fields.json();
			description = "without ingestedAt";
		}
		return new CorpusRecord(topic, fields.id, utf8(json), Expectation.ANY, null, description);
	}

	private CorpusRecord record(Topic topic, Fields fields, Expectation expectation, @Nullable String field,
			String description) {
		return new CorpusRecord(topic, fields.id, utf8(fields.json()), expectation, field, description);
	}

	/** Valid values of every field of the topic. */
	private Fields fields(Topic topic) {
		Fields fields = new Fields(id());
		fields.put("id", quote(fields.id));
		switch (topic) {
			case POST -> {
				fields.put("platform", quote(platform()));
				fields.put("author", quote(string(1, 128, true)));
				fields.put("text", quote(string(1, 10_000, true)));
				fields.put("createdAt", instant());
				optional(fields, "lang", () -> quote(string(0, 35, true)));
				optional(fields, "location", () -> quote(string(0, 128, true)));
				optional(fields, "productId", () -> quote(string(0, 128, true)));
				optional(fields, "hashtags", () -> {
					int count = this.random.nextBoolean() ? this.random.nextInt(4) : 50;
					List<String> tags = new ArrayList<>();
					for (int i = 0; i < count; i++) {
						tags.add(quote(string(0, 140, true)));
					}
					return "[" + String.join(",", tags) + "]";
				});
				fields.put("ingestedAt", instant());
			}
			case READING -> {
				fields.put("stationId", quote(string(1, 128, true)));
				fields.put("location", quote(string(1, 128, true)));
				fields.put("observedAt", instant());
				fields.put("temperatureC", number(-90, 60));
				optional(fields, "humidityPct", () -> number(0, 100));
				optional(fields, "windKph", () -> number(0, 500));
				optional(fields, "precipitationMm", () -> number(0, 2000));
				optional(fields, "condition", () -> quote(string(0, 64, true)));
				optional(fields, "lat", () -> number(-90, 90));
				optional(fields, "lon", () -> number(-180, 180));
				fields.put("ingestedAt", instant());
			}
			case FEEDBACK -> {
				fields.put("customerId", quote(string(1, 128, true)));
				int rating = 1 + this.random.nextInt(5);
				fields.put("rating", this.random.nextInt(5) == 0 ? rating + ".0" : Integer.toString(rating));
				fields.put("submittedAt", instant());
				optional(fields, "productId", () -> quote(string(0, 128, true)));
				optional(fields, "orderId", () -> quote(string(0, 128, true)));
				optional(fields, "comment", () -> quote(string(0, 5000, true)));
				optional(fields, "channel", () -> quote(string(0, 64, true)));
				optional(fields, "location", () -> quote(string(0, 128, true)));
				fields.put("ingestedAt", instant());
			}
			case SENTIMENT -> {
				fields.put("postId", quote(fields.id));
				fields.put("author", quote(string(1, 128, true)));
				fields.put("platform", quote(string(1, 32, true)));
				optional(fields, "location", () -> quote(string(0, 128, true)));
				optional(fields, "productId", () -> quote(string(0, 128, true)));
				fields.put("createdAt", instant());
				fields.put("ingestedAt", this.random.nextInt(4) == 0 ? "null" : instant());
				fields.put("analyzedAt", instant());
				fields.put("compound", number(-1, 1));
				fields.put("positive", number(0, 1));
				fields.put("neutral", number(0, 1));
				fields.put("negative", number(0, 1));
				fields.put("label", quote(pick(new String[] { "positive", "neutral", "negative" })));
				fields.put("engineVersion", quote(string(1, 64, true)));
			}
			case ALERT -> {
				fields.put("kind", quote(pick(new String[] { "high-temperature", "heat-wave", "sentiment-drop" })));
				fields.put("location", quote(string(1, 128, true)));
				fields.put("from", instant());
				fields.put("to", instant());
				fields.put("value", number(-90, 60));
				fields.put("threshold", number(-90, 60));
				fields.put("count", pick(new String[] { "1", "3", "36.0", "2147483647", "9223372036854775807" }));
				optional(fields, "sourceId", () -> quote(string(0, 128, true)));
				fields.put("raisedAt", instant());
			}
		}
		return fields;
	}

	/** A value that breaks the contract for this field, or null to leave it out. */
	private @Nullable String invalidValue(Topic topic, String field) {
		boolean required = switch (topic) {
			case POST -> List.of("platform", "author", "text", "createdAt", "ingestedAt").contains(field);
			case READING ->
				List.of("stationId", "location", "observedAt", "temperatureC", "ingestedAt").contains(field);
			case FEEDBACK -> List.of("customerId", "rating", "submittedAt", "ingestedAt").contains(field);
			case SENTIMENT -> !List.of("location", "productId").contains(field);
			case ALERT -> !field.equals("sourceId");
		};
		boolean nullable = !required || (topic == Topic.SENTIMENT && field.equals("ingestedAt"));
		if (required && this.random.nextInt(8) == 0) {
			return null;
		}
		List<String> choices = new ArrayList<>();
		if (!nullable) {
			choices.add("null");
		}
		if (field.endsWith("At") || (topic == Topic.ALERT && List.of("from", "to").contains(field))) {
			choices.addAll(List.of("\"+300000000-01-01T00:00:00Z\"", "\"-999999999-01-01T00:00:00Z\"",
					"\"+10000-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59-01:00\"", "\"0000-01-01T00:00:00+01:00\"",
					"\"2026-02-30T00:00:00Z\"", "\"2026-11-20\"", "\"\"", "1700000000", "\"2026-11-20T25:00:00Z\"",
					"true", "{}", "[]", "\"20261120T091500Z\""));
			return pick(choices.toArray(String[]::new));
		}
		switch (field) {
			case "temperatureC" -> choices.addAll(List.of("60.0000001", "61", "-90.5", "1e400", "-1e400", "\"20\""));
			case "humidityPct" -> choices.addAll(List.of("100.5", "-0.1", "1e400", "\"50\"", "false"));
			case "windKph" -> choices.addAll(List.of("500.01", "-1", "[1]"));
			case "precipitationMm" -> choices.addAll(List.of("2000.5", "-3", "{}"));
			case "lat" -> choices.addAll(List.of("90.000001", "-91", "\"north\""));
			case "lon" -> choices.addAll(List.of("180.5", "-181", "true"));
			case "rating" -> choices.addAll(List.of("0", "6", "4.5", "\"5\"", "1e400", "5.000001", "-1"));
			case "compound" -> choices.addAll(List.of("1.0000001", "-2", "\"0.5\""));
			case "positive", "neutral", "negative" -> choices.addAll(List.of("1.5", "-0.01", "null"));
			case "label" -> choices.addAll(List.of("\"POSITIVE\"", "\"happy\"", "1"));
			case "kind" -> choices.addAll(List.of("\"HEAT-WAVE\"", "\"heatwave\"", "\"\"", "2", "[\"heat-wave\"]"));
			case "value", "threshold" -> choices.addAll(List.of("\"36.5\"", "true", "{}", "[1]"));
			case "count" -> choices.addAll(List.of("0", "-1", "1.5", "\"3\"", "0.0", "true"));
			case "platform" -> {
				choices.addAll(List.of("\"\"", quote("p".repeat(33)), "7"));
				if (topic == Topic.POST) {
					choices.addAll(List.of("\"Twitter\"", "\"a b\"", "\"x.com\"", "\"\\u00e9\""));
				}
			}
			case "hashtags" -> choices.addAll(List.of("\"#tag\"", "[1]", "[" + "\"t\",".repeat(50) + "\"t\"]",
					"[" + quote("h".repeat(141)) + "]"));
			case "postId" -> choices.add(quote(id()));
			default -> {
				int max = switch (field) {
					case "text" -> 10_000;
					case "comment" -> 5000;
					case "lang" -> 35;
					case "condition", "channel" -> 64;
					case "engineVersion" -> -1;
					default -> 128;
				};
				if (max > 0 && this.random.nextInt(3) == 0) {
					// One character too many, or far too many.
					return (this.random.nextInt(10) != 0) ? quote(string(max + 1, max + 1, this.random.nextBoolean()))
							: quote("y".repeat(200_000));
				}
				if (required) {
					choices.add("\"\"");
				}
				choices.addAll(List.of("42", "[\"a\"]", "{\"a\":1}", "\"lone \\ud800 surrogate\"", "true"));
			}
		}
		return pick(choices.toArray(String[]::new));
	}

	/** Valid JSON whose bytes in a field every consumer reads are not UTF-8. */
	private byte[] invalidUtf8(Topic topic, Fields fields) {
		String field = switch (topic) {
			case POST -> "text";
			case READING -> "location";
			case FEEDBACK -> "customerId";
			case SENTIMENT -> "author";
			case ALERT -> "location";
		};
		fields.put(field, "\"MARK\"");
		byte[][] sequences = { { (byte) 0xC3, 0x28 }, { (byte) 0xFF }, { (byte) 0xC0, (byte) 0xAF },
				{ (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 },
				{ (byte) 0x80 }, { (byte) 0xE2, (byte) 0x82 } };
		byte[] bad = sequences[this.random.nextInt(sequences.length)];
		String json = fields.json();
		int at = json.indexOf("MARK");
		byte[] before = utf8(json.substring(0, at));
		byte[] after = utf8(json.substring(at + 4));
		byte[] value = new byte[before.length + bad.length + after.length];
		System.arraycopy(before, 0, value, 0, before.length);
		System.arraycopy(bad, 0, value, before.length, bad.length);
		System.arraycopy(after, 0, value, before.length + bad.length, after.length);
		return value;
	}

	private String id() {
		String id = this.prefix + "-" + this.next++;
		if (this.random.nextInt(4) == 0) {
			// Room for characters special to stores and keys, up to the 128 allowed.
			String rest = string(0, 128 - id.length(), true);
			id = id + "-" + rest.substring(0, Math.min(rest.length(), 128 - id.length() - 1));
			while (id.codePointCount(0, id.length()) > 128) {
				id = id.substring(0, id.length() - 1);
			}
			if (Character.isHighSurrogate(id.charAt(id.length() - 1))) {
				id = id.substring(0, id.length() - 1);
			}
		}
		return id;
	}

	private String platform() {
		String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789_-";
		int length = this.random.nextInt(5) == 0 ? 32 : 1 + this.random.nextInt(10);
		StringBuilder platform = new StringBuilder();
		for (int i = 0; i < length; i++) {
			platform.append(alphabet.charAt(this.random.nextInt(alphabet.length())));
		}
		return platform.toString();
	}

	/**
	 * A string of {@code min} to {@code max} code points: often short, sometimes exactly
	 * at a bound, drawn from ASCII, control characters, quotes, BMP and astral
	 * characters.
	 */
	private String string(int min, int max, boolean varied) {
		int length = switch (this.random.nextInt(10)) {
			case 0 -> max;
			case 1 -> min;
			default -> min + this.random.nextInt(Math.max(1, Math.min(max, min + 24) - min + 1));
		};
		length = Math.max(min, Math.min(max, length));
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			int codePoint;
			int kind = varied ? this.random.nextInt(10) : 0;
			codePoint = switch (kind) {
				case 1 -> "\"\\/$.|_{}[]:,'".charAt(this.random.nextInt(14));
				case 2 -> this.random.nextInt(0x20);
				case 3 -> 0x00A0 + this.random.nextInt(0xD7FF - 0x00A0);
				case 4 -> ASTRAL[this.random.nextInt(ASTRAL.length)];
				case 5 -> 0xE000 + this.random.nextInt(0x2000);
				default -> 'a' + this.random.nextInt(26);
			};
			text.appendCodePoint(codePoint);
		}
		return text.toString();
	}

	/** An instant with a four-digit year in 0000 to 9999 UTC, sometimes at the ends. */
	private String instant() {
		return switch (this.random.nextInt(12)) {
			case 0 -> "\"0000-01-01T00:00:00Z\"";
			case 1 -> "\"9999-12-31T23:59:59.999999999Z\"";
			case 2 -> "\"0001-01-01T00:00:00Z\"";
			case 3 -> "\"9999-12-31T23:59:59Z\"";
			case 4 -> {
				// An offset, with the same instant inside the range.
				long second = 86_400L + randomSecond(FIRST.getEpochSecond() + 86_400, LAST.getEpochSecond() - 86_400);
				ZoneOffset offset = ZoneOffset.ofTotalSeconds((this.random.nextInt(57) - 28) * 1800);
				yield quote(OFFSET.format(OffsetDateTime.ofInstant(Instant.ofEpochSecond(second), offset)));
			}
			default -> {
				long second = randomSecond(FIRST.getEpochSecond(), LAST.getEpochSecond());
				int nanos = switch (this.random.nextInt(4)) {
					case 0 -> 0;
					case 1 -> this.random.nextInt(1000) * 1_000_000;
					default -> this.random.nextInt(1_000_000_000);
				};
				yield quote(Instant.ofEpochSecond(second, nanos).toString());
			}
		};
	}

	private long randomSecond(long from, long to) {
		if (this.random.nextBoolean()) {
			// Most events are recent: around 2026.
			return 1_790_000_000L + this.random.nextInt(100_000_000);
		}
		return from + Math.floorMod(this.random.nextLong(), to - from);
	}

	/** A number in the range, as JSON may write it. */
	private String number(double min, double max) {
		return switch (this.random.nextInt(10)) {
			case 0 -> integral(min);
			case 1 -> integral(max);
			case 2 -> integral(max) + ".0";
			case 3 -> (max == 0) ? "-0.0" : "0";
			case 4 -> (min <= 0 && max >= 0) ? "1e-400" : integral(min);
			case 5 -> {
				double value = min + this.random.nextDouble() * (max - min);
				yield new java.math.BigDecimal(value).toPlainString();
			}
			case 6 -> (min <= 0 && max >= 0) ? "-0" : integral(max);
			default -> Double.toString(min + this.random.nextDouble() * (max - min));
		};
	}

	private static String integral(double value) {
		return Long.toString((long) value);
	}

	private void optional(Fields fields, String name, Supplier<String> value) {
		switch (this.random.nextInt(3)) {
			case 0 -> fields.put(name, "null");
			case 1 -> fields.put(name, value.get());
			default -> {
			}
		}
	}

	/** Any JSON value, as an unknown field would carry. */
	private String unknownValue(int depth) {
		int kind = this.random.nextInt(depth > 0 ? 9 : 6);
		return switch (kind) {
			case 0 -> quote(string(0, 40, true));
			case 1 -> pick(new String[] { "123456789012345678901234567890", "-9223372036854775809", "1e308", "-0.0",
					"4.9e-324", "0.1", "9007199254740993", "1" + "0".repeat(300) });
			case 2 -> pick(new String[] { "true", "false", "null" });
			case 3 -> quote(pick(HOSTILE_KEYS));
			case 4 -> "{\"$oid\":\"5f1d7f1d7f1d7f1d7f1d7f1d\"}";
			case 5 -> "{\"$date\":{\"$numberLong\":\"-99999999999999999\"}}";
			case 6 -> "[" + unknownValue(depth - 1) + "," + unknownValue(depth - 1) + "]";
			default -> "{" + quote(pick(HOSTILE_KEYS)) + ":" + unknownValue(depth - 1) + "," + quote("k" + kind) + ":"
					+ unknownValue(depth - 1) + "}";
		};
	}

	private byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		this.random.nextBytes(bytes);
		return bytes;
	}

	private String pick(String[] choices) {
		return choices[this.random.nextInt(choices.length)];
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** A JSON string literal: quotes, backslashes and control characters escaped. */
	static String quote(String text) {
		StringBuilder json = new StringBuilder(text.length() + 2).append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"' || c == '\\') {
				json.append('\\').append(c);
			}
			else if (c < 0x20) {
				json.append("\\u00").append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xF));
			}
			else {
				json.append(c);
			}
		}
		return json.append('"').toString();
	}

	/** The fields of one record, each as JSON text, in order. */
	private static final class Fields {

		private final String id;

		/** Field names as JSON string literals, to their values as JSON text. */
		private final Map<String, String> values = new LinkedHashMap<>();

		Fields(String id) {
			this.id = id;
		}

		void put(String name, String json) {
			this.values.put(quote(name), json);
		}

		/** A field whose name is given as a JSON string literal, escapes and all. */
		void putLiteral(String literal, String json) {
			this.values.put(literal, json);
		}

		void remove(String name) {
			this.values.remove(quote(name));
		}

		List<String> names() {
			return this.values.keySet().stream().map((literal) -> literal.substring(1, literal.length() - 1)).toList();
		}

		String json() {
			StringBuilder json = new StringBuilder("{");
			this.values.forEach((literal, value) -> {
				if (json.length() > 1) {
					json.append(',');
				}
				json.append(literal).append(':').append(value);
			});
			return json.append('}').toString();
		}

	}

}
