package tributary.demo;

import java.util.List;

/** Just enough JSON writing for the demo's own events: objects of strings and numbers. */
final class Json {

	private final StringBuilder json = new StringBuilder("{");

	Json field(String name, String value) {
		name(name).append(quote(value));
		return this;
	}

	Json field(String name, double value) {
		name(name).append(number(value));
		return this;
	}

	Json field(String name, int value) {
		name(name).append(value);
		return this;
	}

	Json field(String name, List<String> values) {
		StringBuilder array = name(name).append('[');
		for (int i = 0; i < values.size(); i++) {
			array.append((i > 0) ? "," : "").append(quote(values.get(i)));
		}
		array.append(']');
		return this;
	}

	@Override
	public String toString() {
		return this.json + "}";
	}

	private StringBuilder name(String name) {
		if (this.json.length() > 1) {
			this.json.append(',');
		}
		return this.json.append(quote(name)).append(':');
	}

	/** At most two decimals, as stations report them. */
	static String number(double value) {
		return java.math.BigDecimal.valueOf(value)
			.setScale(2, java.math.RoundingMode.HALF_UP)
			.stripTrailingZeros()
			.toPlainString();
	}

	static String quote(String text) {
		StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				default -> {
					if (c < 0x20) {
						quoted.append(String.format("\\u%04x", (int) c));
					}
					else {
						quoted.append(c);
					}
				}
			}
		}
		return quoted.append('"').toString();
	}

}
