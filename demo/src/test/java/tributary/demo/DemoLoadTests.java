package tributary.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tributary.demo.DemoLoad.Ingest;
import tributary.demo.DemoLoad.Tally;
import tributary.demo.IngestClient.Answer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sending loop against a fake ingest: a refused batch is reported once and dropped,
 * one ingest could not take is sent again, unchanged, until taken, and a stop ends the
 * run cleanly, even in the middle of retrying.
 */
class DemoLoadTests {

	private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	@Test
	void sendsEverySecondOneBatchPerKindAndStopsAfterTheDuration() throws Exception {
		Tally tally = load(2, 20, (path, items) -> answer(202, "")).run();

		assertThat(tally.sent).isEqualTo(40);
		assertThat(this.calls).extracting(Call::path)
			.containsOnly("/api/v1/weather", "/api/v1/social-media", "/api/v1/feedback");
		assertThat(this.calls.stream().mapToInt((call) -> call.items().size()).sum()).isEqualTo(40);
		assertThat(this.calls).allSatisfy((call) -> assertThat(call.items()).allMatch((item) -> item.startsWith("{")));
		assertThat(printed()).contains("     1 s ", "     2 s ", "backfill")
			.contains("Stopped: 40 events sent, 0 refused by ingest, 0 not sent, 0 retries.");
	}

	@Test
	void aRefusedBatchIsReportedAndNotSentAgain() throws Exception {
		Tally tally = load(1, 30, (path, items) -> path.equals("/api/v1/weather")
				? answer(400, "{\"detail\":\"temperatureC: must be -90 to 60\"}") : answer(202, ""))
			.run();

		assertThat(this.calls).filteredOn((call) -> call.path().equals("/api/v1/weather")).hasSize(1);
		assertThat(tally.refused)
			.isEqualTo(this.calls.stream()
				.filter((call) -> call.path().equals("/api/v1/weather"))
				.mapToInt((call) -> call.items().size())
				.sum())
			.isPositive();
		assertThat(tally.sent + tally.refused).isEqualTo(30);
		assertThat(tally.retries).isZero();
		assertThat(printed()).contains("ingest refused").contains("HTTP 400 temperatureC: must be -90 to 60");
	}

	@Test
	void aBatchIngestCouldNotTakeIsSentAgainUnchangedUntilTaken() throws Exception {
		int[] failures = { 0 };
		Tally tally = load(1, 30, (path, items) -> {
			if (path.equals("/api/v1/social-media") && failures[0] < 3) {
				failures[0]++;
				if (failures[0] == 2) {
					throw new ConnectException("Connection refused");
				}
				return answer((failures[0] == 1) ? 503 : 207, "{\"accepted\":3,\"rejected\":0,\"failed\":2}", true);
			}
			return answer(202, "");
		}).run();

		List<Call> posts = this.calls.stream().filter((call) -> call.path().equals("/api/v1/social-media")).toList();
		assertThat(posts).hasSize(4);
		assertThat(posts).extracting(Call::items).containsOnly(posts.get(0).items());
		assertThat(tally.retries).isEqualTo(3);
		assertThat(tally.sent).isEqualTo(30);
		assertThat(printed()).contains("(HTTP 503)", "(ConnectException: Connection refused)", "(HTTP 207)",
				"again in 1 ms", "again in 2 ms", "again in 4 ms");
	}

	@Test
	void aStopEndsTheRunWhileRetryingAndSaysWhatWasNotSent() throws Exception {
		DemoLoad load = load(0, 10, (path, items) -> answer(503, ""));
		CompletableFuture<Tally> run = CompletableFuture.supplyAsync(() -> {
			try {
				return load.run();
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		});
		while (this.calls.size() < 3) {
			Thread.onSpinWait();
		}
		load.stop();
		Tally tally = run.get(10, TimeUnit.SECONDS);

		assertThat(tally.sent).isZero();
		assertThat(tally.unsent).isPositive();
		assertThat(printed()).contains("not sent");
	}

	@Test
	void readsWhatIngestAnswers() {
		assertThat(Answer.of(202, false, "{}").accepted()).isTrue();
		Answer partly = Answer.of(207, false,
				"{\"topic\":\"weather_data\",\"accepted\":8,\"rejected\":2,\"failed\":0}");
		assertThat(partly.retry()).isFalse();
		assertThat(partly.refused()).isEqualTo(2);
		assertThat(Answer.of(207, true, "{\"accepted\":8,\"rejected\":0,\"failed\":2}").retry()).isTrue();
		assertThat(Answer.of(503, true, "{}").retry()).isTrue();
		assertThat(Answer.of(429, false, "{}").retry()).isTrue();
		Answer refused = Answer.of(413, false, "{\"title\":\"Too large\",\"detail\":\"at most 1000 items\"}");
		assertThat(refused.refusedWhole()).isTrue();
		assertThat(refused.retry()).isFalse();
		assertThat(refused.detail()).isEqualTo("at most 1000 items");
	}

	/**
	 * A run of {@code seconds} (0: until stopped) at {@code rate}, retries after 1 ms.
	 */
	private DemoLoad load(int seconds, int rate, Ingest ingest) {
		Options options = new Options(rate, (seconds > 0) ? Duration.ofSeconds(seconds) : null, 13,
				URI.create("http://localhost:1"), "key");
		Ingest recording = (path, items) -> {
			this.calls.add(new Call(path, List.copyOf(items)));
			return ingest.post(path, items);
		};
		return new DemoLoad(options, recording, new PrintStream(this.printed, true, StandardCharsets.UTF_8),
				Clock.systemUTC(), Duration.ofMillis(1), Duration.ofMillis(50));
	}

	private String printed() {
		return this.printed.toString(StandardCharsets.UTF_8);
	}

	private static Answer answer(int status, String body) {
		return answer(status, body, false);
	}

	private static Answer answer(int status, String body, boolean retryAfter) {
		return Answer.of(status, retryAfter, body);
	}

	record Call(String path, List<String> items) {
	}

}
