package tributary.demo;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a demo run does, from the command line and the environment.
 *
 * @param rate events per second
 * @param duration how long to run, or null for until stopped
 * @param seed makes the stream reproducible
 * @param ingest ingest's root URL
 * @param apiKey the key ingest accepts, from {@value #API_KEY_VARIABLE}
 */
record Options(int rate, @Nullable Duration duration, long seed, URI ingest, String apiKey) {

	static final String API_KEY_VARIABLE = "TRIBUTARY_DEMO_API_KEY";

	static final int DEFAULT_RATE = 50;

	static final int MAX_RATE = 100_000;

	static final long DEFAULT_SEED = 13;

	static final String USAGE = """
			usage: ./tributary demo [--rate N] [--duration S] [--seed N]
			  --rate N       events per second (default 50, at most 100000; 30 or more for the
			                 heat spike's posts to raise a sentiment-drop alert)
			  --duration S   stop after S seconds (default: run until Ctrl-C)
			  --seed N       the same seed sends the same stream (default 13)
			  --ingest URL   ingest's root URL (default http://localhost:$TRIBUTARY_INGEST_PORT, port 8080)
			The API key is read from TRIBUTARY_DEMO_API_KEY (./tributary demo sets it).""";

	/**
	 * Reads the options.
	 * @param args the command line
	 * @param environment the process's environment
	 * @return the options
	 * @throws IllegalArgumentException naming what is wrong
	 */
	static Options parse(String[] args, Map<String, String> environment) {
		int rate = DEFAULT_RATE;
		Duration duration = null;
		long seed = DEFAULT_SEED;
		String port = environment.getOrDefault("TRIBUTARY_INGEST_PORT", "8080");
		URI ingest = URI.create("http://localhost:" + port);
		for (int i = 0; i < args.length; i++) {
			String option = args[i];
			if (option.equals("-h") || option.equals("--help")) {
				throw new IllegalArgumentException("help");
			}
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException("unknown option or missing value: " + option);
			}
			String value = args[++i];
			switch (option) {
				case "--rate" -> rate = number(option, value, 1, MAX_RATE);
				case "--duration" -> duration = Duration.ofSeconds(number(option, value, 1, Integer.MAX_VALUE));
				case "--seed" -> seed = seed(value);
				case "--ingest" -> ingest = uri(value);
				default -> throw new IllegalArgumentException("unknown option " + option);
			}
		}
		String apiKey = environment.get(API_KEY_VARIABLE);
		if (apiKey == null || apiKey.isBlank()) {
			throw new IllegalArgumentException(API_KEY_VARIABLE + " is not set: run the demo with ./tributary demo");
		}
		return new Options(rate, duration, seed, ingest, apiKey);
	}

	private static int number(String option, String value, int min, int max) {
		try {
			int number = Integer.parseInt(value);
			if (number >= min && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// Said below.
		}
		throw new IllegalArgumentException(
				option + " must be a whole number from " + min + " to " + max + " but was '" + value + "'");
	}

	private static long seed(String value) {
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--seed must be a whole number but was '" + value + "'");
		}
	}

	private static URI uri(String value) {
		try {
			URI uri = URI.create(value);
			if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
				return uri;
			}
		}
		catch (IllegalArgumentException ex) {
			// Said below.
		}
		throw new IllegalArgumentException("--ingest must be an http(s) URL but was '" + value + "'");
	}

}
