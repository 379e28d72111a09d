package tributary.sentiment.training;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

import org.jspecify.annotations.Nullable;

import tributary.sentiment.engine.SentimentLabel;

/**
 * Reads the SemEval tweet files ({@code id TAB label TAB text}, gzipped), with the quirks
 * their README lists: backslash-u escapes ({@code \}{@code u2019}) in the 2013 files, an
 * extra empty field at the end of some lines, and a tweet whose text runs over two lines.
 */
final class Tweets {

	private Tweets() {
	}

	static List<Tweet> read(Path file) throws IOException {
		String name = file.getFileName().toString().replace(".gz", "");
		boolean escaped = name.contains("2013");
		List<Tweet> tweets = new ArrayList<>();
		try (InputStream in = new GZIPInputStream(Files.newInputStream(file));
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.isBlank()) {
					continue;
				}
				String[] fields = line.split("\t", -1);
				@Nullable SentimentLabel label = (fields.length >= 3) ? label(fields[1]) : null;
				if (label == null || !isId(fields[0])) {
					// The rest of the previous tweet's text, which ran over a line break.
					if (tweets.isEmpty()) {
						throw new IOException(file + ": first line is not a tweet: " + line);
					}
					Tweet last = tweets.remove(tweets.size() - 1);
					String rest = line.strip();
					tweets.add(new Tweet(last.id(), last.label(), (last.text() + "\n" + rest).strip(), name));
					continue;
				}
				int end = fields.length;
				while (end > 3 && fields[end - 1].isEmpty()) {
					end--;
				}
				String text = String.join("\t", java.util.Arrays.copyOfRange(fields, 2, end));
				tweets.add(new Tweet(fields[0], label, escaped ? unescape(text) : text, name));
			}
		}
		return tweets;
	}

	private static boolean isId(String field) {
		if (field.isEmpty()) {
			return false;
		}
		for (int i = 0; i < field.length(); i++) {
			if (!Character.isDigit(field.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static @Nullable SentimentLabel label(String field) {
		return switch (field.strip().toLowerCase(Locale.ROOT)) {
			case "positive" -> SentimentLabel.POSITIVE;
			case "neutral" -> SentimentLabel.NEUTRAL;
			case "negative" -> SentimentLabel.NEGATIVE;
			default -> null;
		};
	}

	/** Undoes the backslash-u escapes of the 2013 files (u2019 is ’, u002c a comma). */
	static String unescape(String text) {
		if (text.indexOf("\\u") < 0) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == 'u' && isHex(text, i + 2, i + 6)) {
				out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
				i += 5;
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	private static boolean isHex(String text, int start, int end) {
		if (end > text.length()) {
			return false;
		}
		for (int i = start; i < end; i++) {
			if (Character.digit(text.charAt(i), 16) < 0) {
				return false;
			}
		}
		return true;
	}

}
