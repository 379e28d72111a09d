package tributary.local.h2;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class GroupCommitTests {

	private static final int WRITERS = 8;

	private static final int WRITES = 50;

	@TempDir
	Path dataDir;

	@Test
	void sharesRoundsBetweenConcurrentWritersAndMakesEveryWriteDurable() throws Exception {
		Path file = this.dataDir.resolve("store.mv");
		MVStore store = new MVStore.Builder().fileName(file.toString()).open();
		MVMap<String, String> map = store.openMap("events");
		long rounds;
		try (GroupCommit commits = new GroupCommit(store)) {
			ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
			List<Future<?>> done = new ArrayList<>();
			for (int writer = 0; writer < WRITERS; writer++) {
				String prefix = "w" + writer + "-";
				done.add(writers.submit(() -> {
					for (int i = 0; i < WRITES; i++) {
						String key = prefix + i;
						commits.command(() -> map.put(key, "written"));
						commits.durable().join();
					}
				}));
			}
			for (Future<?> writer : done) {
				writer.get(2, TimeUnit.MINUTES);
			}
			writers.shutdown();
			rounds = commits.statistics()[0];
		}
		// what kill -9 would leave: no last commit on close
		store.closeImmediately();

		assertThat(rounds).as("rounds for %d writes", WRITERS * WRITES).isPositive().isLessThan(WRITERS * WRITES);
		MVStore reopened = new MVStore.Builder().fileName(file.toString()).readOnly().open();
		try {
			assertThat(reopened.<String, String>openMap("events").size()).isEqualTo(WRITERS * WRITES);
		}
		finally {
			reopened.close();
		}
	}

	@Test
	void failsTheWaitersWhenTheFileCannotBeCommitted() {
		MVStore store = new MVStore.Builder().fileName(this.dataDir.resolve("store.mv").toString()).open();
		MVMap<String, String> map = store.openMap("events");
		try (GroupCommit commits = new GroupCommit(store)) {
			commits.command(() -> map.put("first", "written"));
			store.closeImmediately();

			CompletableFuture<Void> durable = commits.durable();

			assertThat(durable).failsWithin(1, TimeUnit.MINUTES);
		}
	}

}
