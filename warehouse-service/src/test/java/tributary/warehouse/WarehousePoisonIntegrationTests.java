package tributary.warehouse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.model.Filters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tributary.testsupport.WithInfrastructure;
import tributary.warehouse.TestEvents.TestEvent;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Poison on every partition of every topic, between good records, through a real broker:
 * every good record is stored, every poison one is in its dead-letter topic with the
 * reason and its coordinates, and the group has no lag left, within seconds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "tributary.warehouse.consumer.concurrency=2",
				"tributary.warehouse.consumer.retry-initial-interval=100ms" })
@WithInfrastructure
class WarehousePoisonIntegrationTests {

	private static final TestBroker broker = new TestBroker();

	private static final String[] ROLES = { "post", "weather", "feedback", "sentiment", "alert" };

	private static final Map<String, String> INSTANT_FIELD = Map.of("post", "createdAt", "weather", "observedAt",
			"feedback", "submittedAt", "sentiment", "createdAt", "alert", "from");

	@Autowired
	MongoTemplate mongo;

	@DynamicPropertySource
	static void isolate(DynamicPropertyRegistry registry) {
		broker.register(registry);
	}

	@AfterAll
	static void close() {
		broker.close();
	}

	@Test
	void poisonOnEveryPartitionIsDeadLetteredAndEveryGoodRecordAroundItIsStored() {
		TestEvents events = new TestEvents(41, "poison");
		Map<String, List<String>> good = new HashMap<>();
		Map<String, Integer> poison = new HashMap<>();
		// The service declared the topics as it started; their
		// partitions may not all serve yet.
		broker.awaitServing();
		for (String role : ROLES) {
			for (int partition = 0; partition < 4; partition++) {
				for (byte[] bad : poisons(role, event(events, role), partition)) {
					TestEvent before = event(events, role);
					broker.publishBytes(role, partition, before.key(), utf8(before.json()));
					good.computeIfAbsent(role, (key) -> new ArrayList<>()).add(before.id());
					broker.publishBytes(role, partition, "poison", bad);
					poison.merge(role, 1, Integer::sum);
				}
				TestEvent last = event(events, role);
				broker.publishBytes(role, partition, last.key(), utf8(last.json()));
				good.get(role).add(last.id());
			}
		}
		broker.flush();

		broker.awaitAllCommitted(Duration.ofSeconds(60));

		for (String role : ROLES) {
			assertThat(this.mongo.getCollection(broker.topic(role)).countDocuments(Filters.in("_id", good.get(role))))
				.as(role)
				.isEqualTo(good.get(role).size());
			List<ConsumerRecord<byte[], byte[]>> dead = broker.deadLetters(role, poison.get(role));
			assertThat(dead).as(role).hasSize(poison.get(role));
			for (ConsumerRecord<byte[], byte[]> letter : dead) {
				assertThat(TestBroker.header(letter, "tributary-dead-letter-reason")).isNotBlank();
				assertThat(TestBroker.header(letter, "kafka_dlt-original-topic")).isEqualTo(broker.topic(role));
				assertThat(
						ByteBuffer.wrap(letter.headers().lastHeader("kafka_dlt-original-partition").value()).getInt())
					.isBetween(0, 3);
				assertThat(letter.headers().lastHeader("kafka_dlt-original-offset").value()).hasSize(8);
			}
			assertThat(dead).extracting((letter) -> TestBroker.header(letter, "tributary-dead-letter-reason"))
				.anySatisfy((reason) -> assertThat(reason).contains("four-digit year"))
				.anySatisfy((reason) -> assertThat(reason).startsWith("not UTF-8"))
				.anySatisfy((reason) -> assertThat(reason).contains("surrogate"))
				.anySatisfy((reason) -> assertThat(reason).startsWith("not JSON"));
		}
		// The record at the source topic's size limit
		// reached its dead-letter topic whole.
		assertThat(broker.deadLetters("post", poison.get("post")))
			.filteredOn((letter) -> letter.value().length > 1_000_000)
			.hasSize(4);
	}

	private static TestEvent event(TestEvents events, String role) {
		return switch (role) {
			case "post" -> events.post();
			case "weather" -> events.reading();
			case "feedback" -> events.feedback();
			case "alert" -> events.alert();
			default -> events.scored(events.post());
		};
	}

	/**
	 * Poison for one partition: the user's extreme instant, bytes, nesting, encodings.
	 */
	private static List<byte[]> poisons(String role, TestEvent template, int partition) {
		String json = template.json();
		String instant = INSTANT_FIELD.get(role);
		List<byte[]> poisons = new ArrayList<>();
		poisons.add(utf8(json.replaceFirst("\"" + instant + "\":\"[^\"]*\"",
				"\"" + instant + "\":\"+300000000-01-01T00:00:00Z\"")));
		poisons.add(new byte[] { 0, 1, (byte) 0xFF, '{', (byte) partition });
		poisons.add(utf8("{\"x\":".repeat(5000) + "1" + "}".repeat(5000)));
		poisons.add(utf8("{\"x-deep\":" + "[".repeat(150) + "]".repeat(150) + "," + json.substring(1)));
		byte[] overlong = utf8("{\"x-text\":\"MA\"," + json.substring(1));
		overlong[11] = (byte) 0xC0;
		overlong[12] = (byte) 0xAF;
		poisons.add(overlong);
		poisons.add(utf8("{\"x-text\":\"half \\ud800 a pair\"," + json.substring(1)));
		if (role.equals("post")) {
			// At the source topic's size limit (the broker's default, 1 MiB): its dead
			// letter is larger still by the headers.
			poisons.add(utf8(json.replaceFirst("\"text\":\"[^\"]*\"", "\"text\":\"" + "a".repeat(1_047_000) + "\"")));
		}
		return poisons;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
