package tributary.sentiment.stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tributary.sentiment.SentimentApplication;
import tributary.testsupport.CommittedRecords;
import tributary.testsupport.Infrastructure;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Exactly once across a stop and a crash: the service is stopped (or killed) while it is
 * working through a backlog and started again; a read_committed reader then sees exactly
 * one scored record per post, none twice and none missed. Restarted under the same
 * instance id, a killed instance's successor takes its partitions back as soon as it
 * joins, instead of after the dead consumer's session.
 */
class RestartIntegrationTests {

	private static final Logger log = LoggerFactory.getLogger(RestartIntegrationTests.class);

	private static final int POSTS = 6_000;

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void scoresEveryPostExactlyOnceWhenStoppedMidStreamAndRestarted() throws Exception {
		Run run = new Run();
		run.createTopics();
		run.producePosts();

		try (ConfigurableApplicationContext first = start(run.arguments(true))) {
			awaitProgress(run);
		}
		long doneBeforeRestart = run.committed();
		assertThat(doneBeforeRestart).as("stopped mid-stream").isGreaterThan(0).isLessThan(POSTS);

		try (ConfigurableApplicationContext second = start(run.arguments(false))) {
			awaitCompletion(run);
		}
		run.assertExactlyOnce();
	}

	@Test
	void scoresEveryPostExactlyOnceWhenKilledMidStreamAndRestarted() throws Exception {
		Run run = new Run();
		run.createTopics();
		run.producePosts();
		List<String> arguments = new ArrayList<>(run.arguments(true));
		// The killed process's open transaction is aborted by the broker after this
		// timeout; its consumer leaves the group after the session timeout.
		arguments.add("--tributary.sentiment.stream.transaction-timeout=5s");
		arguments.add("--spring.kafka.consumer.properties.session.timeout.ms=6000");

		boolean leftOpen;
		Process killed = startProcess(arguments, run.id);
		try (Admin admin = run.admin()) {
			awaitProgress(run);
			// Kill it the moment a transaction is seen open on the output (records
			// written, not yet committed), the case exactly-once is about.
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(1))
				.until(() -> run.transactionOpen(admin));
			killed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			leftOpen = run.transactionOpen(admin);
		}
		finally {
			// SIGKILL: no shutdown hook, no graceful stop.
			killed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
		assertThat(run.committed()).as("killed mid-stream").isLessThan(POSTS);
		// Usually the killed process leaves its transaction open; if it committed in
		// the moment between seeing it open and the kill, this is still a crash.
		log.info("Killed with a transaction left open: {}", leftOpen);

		try (ConfigurableApplicationContext second = start(run.arguments(false))) {
			awaitCompletion(run);
		}
		run.assertExactlyOnce();
	}

	@Test
	void aKilledInstanceRestartedUnderItsInstanceIdResumesLongBeforeItsSessionEnds() throws Exception {
		Run run = new Run();
		run.createTopics();
		run.producePosts();
		List<String> staticMember = List.of("--tributary.sentiment.stream.instance-id=restart-" + run.id,
				"--tributary.sentiment.stream.transaction-timeout=5s",
				// Long enough that waiting it out cannot pass for a quick resume: a
				// dynamic member's successor would wait this long for the killed one.
				"--spring.kafka.consumer.properties.session.timeout.ms=120000");
		List<String> arguments = new ArrayList<>(run.arguments(true));
		arguments.addAll(staticMember);
		Process killed = startProcess(arguments, run.id);
		try {
			awaitProgress(run);
		}
		finally {
			killed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
		long doneWhenKilled = run.committed();
		assertThat(doneWhenKilled).as("killed mid-stream").isLessThan(POSTS);

		List<String> restarted = new ArrayList<>(run.arguments(false));
		restarted.addAll(staticMember);
		try (ConfigurableApplicationContext second = start(restarted)) {
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(500))
				.until(run::committed, (done) -> done > doneWhenKilled);
			awaitCompletion(run);
		}
		run.assertExactlyOnce();
	}

	private static void awaitProgress(Run run) {
		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(100))
			.until(run::committed, (done) -> done >= POSTS / 20);
	}

	private static void awaitCompletion(Run run) {
		await().atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofMillis(500))
			.until(run::committed, (done) -> done == POSTS);
	}

	private static ConfigurableApplicationContext start(List<String> arguments) {
		return new SpringApplicationBuilder(SentimentApplication.class).run(arguments.toArray(String[]::new));
	}

	private static Process startProcess(List<String> arguments, String id) throws IOException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp",
						System.getProperty("java.class.path"), SentimentApplication.class.getName()));
		command.addAll(arguments);
		Path log = Files.createDirectories(Path.of("target", "restart-tests")).resolve("killed-" + id + ".log");
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	/** One run's topics, consumer group and posts, unique on the shared broker. */
	private static final class Run {

		final String id = UUID.randomUUID().toString().substring(0, 8);

		final String posts = "social_media_" + this.id;

		final String sentiment = "customer_sentiment_" + this.id;

		final String group = "sentiment-" + this.id;

		final Set<String> postIds = IntStream.range(0, POSTS)
			.mapToObj((i) -> "restart-" + this.id + "-" + i)
			.collect(Collectors.toSet());

		void createTopics() {
			try (Admin admin = Admin.create(java.util.Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
					Infrastructure.kafkaBootstrapServers()))) {
				admin
					.createTopics(
							List.of(new NewTopic(this.posts, 6, (short) 1), new NewTopic(this.sentiment, 6, (short) 1),
									new NewTopic(this.posts + "_dlt", 6, (short) 1)))
					.all()
					.get(30, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				throw new IllegalStateException("Could not create the topics of run " + this.id, ex);
			}
		}

		void producePosts() {
			List<ProducerRecord<String, String>> records = new ArrayList<>();
			int i = 0;
			for (String postId : this.postIds) {
				String author = "author-" + (i++ % 50);
				records.add(new ProducerRecord<>(this.posts, author,
						KafkaTestClients.post(postId, author, "Post " + i + " is pretty good, not bad at all!")));
			}
			KafkaTestClients.send(records);
		}

		List<String> arguments(boolean slow) {
			List<String> arguments = new ArrayList<>(List.of(
					"--spring.kafka.bootstrap-servers=" + Infrastructure.kafkaBootstrapServers(), "--server.port=0",
					"--spring.main.banner-mode=off", "--tributary.topics.social-media=" + this.posts,
					"--tributary.topics.customer-sentiment=" + this.sentiment,
					"--tributary.sentiment.stream.group-id=" + this.group));
			if (slow) {
				// Small polls with pauses in between: the backlog takes seconds, so the
				// stop surely comes in the middle of it.
				arguments.add("--spring.kafka.consumer.max-poll-records=50");
				arguments.add("--spring.kafka.listener.idle-between-polls=100ms");
			}
			return arguments;
		}

		Admin admin() {
			return Admin.create(java.util.Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
					Infrastructure.kafkaBootstrapServers()));
		}

		/**
		 * Whether some partition of the output has records of a transaction not yet
		 * ended.
		 */
		boolean transactionOpen(Admin admin) throws Exception {
			java.util.Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, 6)
				.boxed()
				.collect(Collectors.toMap((partition) -> new TopicPartition(this.sentiment, partition),
						(partition) -> OffsetSpec.latest()));
			var written = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
				.all()
				.get(10, TimeUnit.SECONDS);
			var stable = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
				.all()
				.get(10, TimeUnit.SECONDS);
			return written.entrySet()
				.stream()
				.anyMatch((entry) -> entry.getValue().offset() > stable.get(entry.getKey()).offset());
		}

		long committed() {
			return KafkaTestClients.committed(this.group, this.posts);
		}

		void assertExactlyOnce() throws Exception {
			try (Admin admin = admin()) {
				// A transaction the killed process left open holds back read_committed
				// readers on its partitions until the broker aborts it (transaction
				// timeout plus the broker's check interval), even when the restarted
				// service is done: only then is the output complete.
				await().atMost(Duration.ofSeconds(60))
					.pollInterval(Duration.ofMillis(500))
					.until(() -> !transactionOpen(admin));
			}
			List<ConsumerRecord<String, String>> scored = CommittedRecords.of(this.sentiment);
			List<String> ids = scored.stream()
				.map((record) -> json.readTree(record.value()).get("postId").stringValue())
				.toList();
			assertThat(ids).as("one record per post").hasSize(POSTS).doesNotHaveDuplicates();
			assertThat(Set.copyOf(ids)).isEqualTo(this.postIds);
		}

	}

}
