package tributary.local;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** {@code --name value} command-line arguments of the launchers. */
record Arguments(Map<String, String> values) {

	static Arguments parse(String[] args) {
		Map<String, String> values = new HashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--") || i + 1 == args.length) {
				throw new IllegalArgumentException("Expected --name value pairs but got " + String.join(" ", args));
			}
			values.put(args[i].substring(2), args[++i]);
		}
		return new Arguments(Map.copyOf(values));
	}

	Path path(String name) {
		String value = this.values.get(name);
		if (value == null) {
			throw new IllegalArgumentException("--" + name + " is required");
		}
		return Path.of(value);
	}

	int integer(String name, int defaultValue) {
		String value = this.values.get(name);
		if (value == null) {
			return defaultValue;
		}
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a whole number but was '" + value + "'");
		}
	}

	boolean bool(String name, boolean defaultValue) {
		String value = this.values.get(name);
		if (value == null) {
			return defaultValue;
		}
		return switch (value) {
			case "true" -> true;
			case "false" -> false;
			default ->
				throw new IllegalArgumentException("--" + name + " must be true or false but was '" + value + "'");
		};
	}

}
