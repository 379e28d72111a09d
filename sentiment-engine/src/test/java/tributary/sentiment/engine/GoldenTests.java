package tributary.sentiment.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the score of a few hundred hand-written sentences, so that no change of rules or
 * lexicons moves a score unnoticed. Regenerate with {@link GoldenFile} when a change is
 * meant.
 */
class GoldenTests {

	@Test
	void everySentenceKeepsItsScore() throws IOException {
		SentimentEngine engine = SentimentEngine.create();
		List<String> moved = new ArrayList<>();
		List<String[]> golden = golden();
		for (String[] entry : golden) {
			String actual = GoldenFile.format(engine.score(entry[1]).compound());
			if (!actual.equals(entry[0])) {
				moved.add(entry[0] + " -> " + actual + "  " + entry[1]);
			}
		}
		assertThat(moved).as("scores that moved (regenerate with GoldenFile if intended)").isEmpty();
	}

	@Test
	void coversEveryHandWrittenSentenceAndSpansAllLabels() throws IOException {
		List<String[]> golden = golden();
		assertThat(golden).extracting((entry) -> entry[1]).containsExactlyElementsOf(sentences());
		assertThat(golden).hasSizeGreaterThan(300);
		assertThat(golden).extracting((entry) -> SentimentLabel.of(Double.parseDouble(entry[0])))
			.contains(SentimentLabel.values());
	}

	static List<String> sentences() {
		try {
			return GoldenFile.sentences(resource(GoldenFile.SENTENCES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String[]> golden() throws IOException {
		List<String[]> golden = new ArrayList<>();
		for (String line : GoldenFile.sentences(resource(GoldenFile.GOLDEN))) {
			String[] fields = line.split("\t", 2);
			assertThat(fields).as(line).hasSize(2);
			golden.add(fields);
		}
		return golden;
	}

	private static InputStream resource(String name) {
		return Objects.requireNonNull(GoldenTests.class.getResourceAsStream(name), name);
	}

}
