package tributary.sentiment.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadSafetyTests {

	@Test
	void scoresTheSameFromManyThreadsAsFromOne() throws Exception {
		SentimentEngine engine = SentimentEngine.create();
		List<String> texts = GoldenTests.sentences();
		// Long texts make threads grow and drop their scratch space while others score.
		texts = new ArrayList<>(texts);
		texts.add("great and terrible ".repeat(3_000));
		List<SentimentScore> expected = texts.stream().map(engine::score).toList();
		int threads = 8;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<List<SentimentScore>>> results = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				int offset = i;
				List<String> all = texts;
				results.add(pool.submit(() -> {
					List<SentimentScore> scores = new ArrayList<>();
					for (int round = 0; round < 20; round++) {
						scores.clear();
						// Each thread walks the texts from a different starting point.
						for (int k = 0; k < all.size(); k++) {
							scores.add(null);
						}
						for (int k = 0; k < all.size(); k++) {
							int index = (k + offset * 37) % all.size();
							scores.set(index, engine.score(all.get(index)));
						}
					}
					return scores;
				}));
			}
			for (Future<List<SentimentScore>> result : results) {
				assertThat(result.get()).isEqualTo(expected);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

}
