package tributary.warehouse.intake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.mongodb.client.model.Projections;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tributary.support.topics.TopicsProperties;
import tributary.testsupport.corpus.Corpus;
import tributary.testsupport.corpus.CorpusRecord;
import tributary.testsupport.corpus.Topic;
import tributary.warehouse.alerts.Alerts;
import tributary.warehouse.events.Coordinates;
import tributary.warehouse.events.EventReader;
import tributary.warehouse.events.RawEvents;
import tributary.warehouse.events.TopicIds;
import tributary.warehouse.events.SourceTopics;
import tributary.warehouse.insights.Aggregates;
import tributary.warehouse.store.BatchWrites;
import tributary.warehouse.system.WarehouseProperties;
import tributary.warehouse.TestStore;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.KafkaHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The warehouse's listener fed a generated corpus of records on the store: whatever the
 * bytes, every record is stored or dead-lettered with its reason and coordinates, nothing
 * escapes to the retry loop, and every record valid under its contract is stored,
 * whatever batch it shares with hostile ones. {@code -Dtributary.corpus.size=20000} runs
 * a larger corpus, {@code -Dtributary.corpus.seed=...} reproduces one.
 */
class WarehouseListenerCorpusTests {

	@Test
	void everyRecordIsStoredOrDeadLetteredAndEveryValidOneIsStored() {
		long seed = Corpus.seed(20261202L);
		int size = Corpus.size(2000);
		MongoTemplate mongo = TestStore.freshDatabase("corpus");
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		WarehouseProperties properties = Binder.get(new StandardEnvironment())
			.bindOrCreate("tributary.warehouse", WarehouseProperties.class);
		TopicsProperties topicNames = Binder.get(new StandardEnvironment())
			.bindOrCreate("tributary.topics", TopicsProperties.class);
		SourceTopics topics = new SourceTopics(topicNames);
		List<ProducerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();
		@SuppressWarnings("unchecked")
		KafkaOperations<byte[], byte[]> kafka = mock(KafkaOperations.class);
		when(kafka.send(any(ProducerRecord.class))).thenAnswer((invocation) -> {
			deadLetters.add(invocation.getArgument(0));
			return CompletableFuture.completedFuture(null);
		});
		BatchWrites writes = new BatchWrites(mongo, meters);
		// One incarnation of each topic for the whole corpus.
		TopicIds topicIds = new TopicIds((names) -> names.stream()
			.collect(java.util.stream.Collectors.toMap((name) -> name, (name) -> "incarnation-1")), mongo);
		WarehouseListener listener = new WarehouseListener(topics, new EventReader(),
				new RawEvents(mongo, writes, topicIds), new Aggregates(mongo, writes, topicIds, properties, meters),
				new Alerts(mongo, meters), new DeadLetters(kafka, topics, "warehouse"), new IntakeMetrics(meters));

		Corpus corpus = new Corpus(seed, "c" + Long.toHexString(seed));
		Random random = new Random(seed);
		Map<String, Long> offsets = new HashMap<>();
		Map<Coordinates, CorpusRecord> generated = new HashMap<>();
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			Topic topic = Topic.values()[random.nextInt(Topic.values().length)];
			String name = name(topicNames, topic);
			int partition = random.nextInt(3);
			long offset = offsets.merge(name + "-" + partition, 1L, Long::sum);
			CorpusRecord record = corpus.record(topic);
			generated.put(new Coordinates(name, partition, offset), record);
			records.add(new ConsumerRecord<>(name, partition, offset, null, record.value()));
		}
		for (int from = 0; from < records.size();) {
			List<ConsumerRecord<byte[], byte[]>> batch = records.subList(from,
					Math.min(records.size(), from + 1 + random.nextInt(300)));
			assertThatNoException().as("seed %d", seed).isThrownBy(() -> listener.onMessage(batch));
			from += batch.size();
		}

		Set<Coordinates> stored = new HashSet<>();
		for (Topic topic : Topic.values()) {
			for (Document document : mongo.getCollection(name(topicNames, topic))
				.find()
				.projection(Projections.include("topic", "partition", "offset"))) {
				stored.add(new Coordinates(document.getString("topic"), document.getInteger("partition"),
						((Number) document.get("offset")).longValue()));
			}
		}
		// Every alert kept in the raw store, and only those, is listed once under its id.
		Set<String> rawAlerts = new HashSet<>();
		mongo.getCollection(topicNames.weatherAlerts())
			.find()
			.projection(Projections.include("_id"))
			.forEach((document) -> rawAlerts.add(document.getString("_id")));
		List<String> listed = new ArrayList<>();
		mongo.getCollection("alerts")
			.find()
			.projection(Projections.include("_id"))
			.forEach((document) -> listed.add(document.getString("_id")));
		assertThat(rawAlerts).as("alerts stored").isNotEmpty();
		assertThat(listed).containsExactlyInAnyOrderElementsOf(rawAlerts);
		Map<Coordinates, ProducerRecord<byte[], byte[]>> dead = new HashMap<>();
		for (ProducerRecord<byte[], byte[]> letter : deadLetters) {
			Coordinates original = new Coordinates(header(letter, KafkaHeaders.DLT_ORIGINAL_TOPIC),
					ByteBuffer.wrap(letter.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION).value()).getInt(),
					ByteBuffer.wrap(letter.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET).value()).getLong());
			assertThat(dead.put(original, letter)).as("dead-lettered once: %s", original).isNull();
			assertThat(letter.topic()).isEqualTo(original.topic() + "_dlt");
			assertThat(header(letter, DeadLetters.REASON_HEADER)).as("reason of %s", generated.get(original))
				.isNotBlank();
		}
		int valid = 0;
		int invalid = 0;
		for (Map.Entry<Coordinates, CorpusRecord> entry : generated.entrySet()) {
			CorpusRecord record = entry.getValue();
			Set<String> read = record.topic().fields();
			boolean isStored = stored.contains(entry.getKey());
			boolean isDead = dead.containsKey(entry.getKey());
			assertThat(isStored ^ isDead)
				.as("stored (%s) or dead-lettered (%s), seed %d: %s", isStored, isDead, seed, record)
				.isTrue();
			if (record.mustBeProcessed(read, true)) {
				valid++;
				assertThat(isStored)
					.as("stored, seed %d: %s, dead-lettered because %s", seed, record,
							isDead ? header(dead.get(entry.getKey()), DeadLetters.REASON_HEADER) : "-")
					.isTrue();
			}
			if (record.mustBeDeadLettered(read)) {
				invalid++;
				assertThat(isDead).as("dead-lettered, seed %d: %s", seed, record).isTrue();
			}
		}
		assertThat(valid).as("valid records generated").isGreaterThan(size / 4);
		assertThat(invalid).as("invalid records generated").isGreaterThan(size / 4);
	}

	private static String name(TopicsProperties topics, Topic topic) {
		return switch (topic) {
			case POST -> topics.socialMedia();
			case READING -> topics.weatherData();
			case FEEDBACK -> topics.customerFeedback();
			case SENTIMENT -> topics.customerSentiment();
			case ALERT -> topics.weatherAlerts();
		};
	}

	private static String header(ProducerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : "";
	}

}
