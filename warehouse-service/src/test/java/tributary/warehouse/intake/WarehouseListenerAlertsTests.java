package tributary.warehouse.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tributary.support.topics.TopicsProperties;
import tributary.warehouse.TestStore;
import tributary.warehouse.alerts.Alerts;
import tributary.warehouse.alerts.Alerts.AlertQuery;
import tributary.warehouse.events.EventReader;
import tributary.warehouse.events.RawEvents;
import tributary.warehouse.events.SourceTopics;
import tributary.warehouse.events.TopicIds;
import tributary.warehouse.insights.Aggregates;
import tributary.warehouse.store.BatchWrites;
import tributary.warehouse.system.WarehouseProperties;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.when;

/**
 * Alerts through the listener, on the store: each alert id is kept once in the raw store
 * and once in {@code alerts}, whether its record is redelivered, replayed by another
 * record with the same id, or the warehouse stopped between the two writes; a record that
 * breaks the contract is dead-lettered with its reason.
 */
class WarehouseListenerAlertsTests {

	private final TopicsProperties topicNames = Binder.get(new StandardEnvironment())
		.bindOrCreate("tributary.topics", TopicsProperties.class);

	private final MongoTemplate mongo = TestStore.freshDatabase("listener-alerts");

	private final Alerts alerts = spy(new Alerts(this.mongo, new SimpleMeterRegistry()));

	private final List<ProducerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();

	private final WarehouseListener listener;

	@SuppressWarnings("unchecked")
	WarehouseListenerAlertsTests() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		WarehouseProperties properties = Binder.get(new StandardEnvironment())
			.bindOrCreate("tributary.warehouse", WarehouseProperties.class);
		SourceTopics topics = new SourceTopics(this.topicNames);
		TopicIds topicIds = new TopicIds(
				(names) -> names.stream().collect(Collectors.toMap((name) -> name, (name) -> "incarnation-1")),
				this.mongo);
		KafkaOperations<byte[], byte[]> kafka = mock(KafkaOperations.class);
		when(kafka.send(any(ProducerRecord.class))).thenAnswer((invocation) -> {
			this.deadLetters.add(invocation.getArgument(0));
			return CompletableFuture.completedFuture(null);
		});
		BatchWrites writes = new BatchWrites(this.mongo, meters);
		this.listener = new WarehouseListener(topics, new EventReader(), new RawEvents(this.mongo, writes, topicIds),
				new Aggregates(this.mongo, writes, topicIds, properties, meters), this.alerts,
				new DeadLetters(kafka, topics, "warehouse"), new IntakeMetrics(meters));
	}

	@Test
	void anAlertIsKeptOnceWhetherRedeliveredOrReplayed() {
		ConsumerRecord<byte[], byte[]> first = alert(0, 7, "2026-07-14T15:00:02Z");
		this.listener.onMessage(List.of(first, alert(1, 3, "2026-07-14T09:00:00Z", "2026-07-14T12:00:09Z")));
		// The same record again (a redelivery), then a replay of the source topics that
		// raised the same alert later, under a new offset.
		this.listener.onMessage(List.of(first));
		this.listener.onMessage(List.of(alert(0, 8, "2026-07-14T18:00:00Z")));

		assertThat(this.mongo.getCollection(this.topicNames.weatherAlerts()).countDocuments()).isEqualTo(2);
		assertThat(alertDocuments()).hasSize(2)
			.anySatisfy(
					(document) -> assertThat(document).containsEntry("_id", "heat-wave/Seville/2026-07-14T12:00:00Z")
						.containsEntry("raisedAt", "2026-07-14T15:00:02.000000000Z")
						.containsEntry("from", "2026-07-14T12:00:00.000000000Z"));
		assertThat(this.deadLetters).isEmpty();
	}

	@Test
	void anAlertWhoseDocumentWasNotWrittenIsWrittenWhenItsRecordComesAgain() {
		ConsumerRecord<byte[], byte[]> record = alert(0, 7, "2026-07-14T15:00:02Z");
		// The raw event is stored, then the store fails before the alert's document is.
		doThrow(new com.mongodb.MongoSocketReadException("gone", new com.mongodb.ServerAddress())).when(this.alerts)
			.record(anyList());
		assertThatExceptionOfType(com.mongodb.MongoSocketReadException.class)
			.isThrownBy(() -> this.listener.onMessage(List.of(record)));
		assertThat(this.mongo.getCollection(this.topicNames.weatherAlerts()).countDocuments()).isOne();
		assertThat(alertDocuments()).isEmpty();

		doCallRealMethod().when(this.alerts).record(anyList());
		this.listener.onMessage(List.of(record));

		assertThat(alertDocuments()).singleElement()
			.satisfies((document) -> assertThat(document).containsEntry("raisedAt", "2026-07-14T15:00:02.000000000Z"));
	}

	@Test
	void anAlertThatBreaksTheContractIsDeadLetteredWithItsReason() {
		byte[] value = ("{\"id\":\"heat-wave/Oslo/2026-07-14T12:00:00Z\",\"kind\":\"heatwave\",\"location\":\"Oslo\","
				+ "\"from\":\"2026-07-14T12:00:00Z\",\"to\":\"2026-07-14T15:00:00Z\",\"value\":33,\"threshold\":32,"
				+ "\"count\":5,\"raisedAt\":\"2026-07-14T15:00:01Z\"}")
			.getBytes(StandardCharsets.UTF_8);
		this.listener.onMessage(List.of(new ConsumerRecord<>(this.topicNames.weatherAlerts(), 2, 5, null, value),
				alert(0, 7, "2026-07-14T15:00:02Z")));

		assertThat(this.deadLetters).singleElement().satisfies((letter) -> {
			assertThat(letter.topic()).isEqualTo("weather_alerts_dlt");
			assertThat(
					new String(letter.headers().lastHeader(DeadLetters.REASON_HEADER).value(), StandardCharsets.UTF_8))
				.isEqualTo(
						"kind: must be one of high-temperature, heat-wave, sentiment-drop but was string \"heatwave\"");
			assertThat(letter.value()).isEqualTo(value);
		});
		assertThat(alertDocuments()).singleElement()
			.satisfies((document) -> assertThat(document).containsEntry("location", "Seville"));
	}

	@Test
	void everyContractExampleIsStoredAndListedOnceTheBoundsIncluded() throws IOException {
		Resource[] examples = new PathMatchingResourcePatternResolver()
			.getResources("classpath:contracts/examples/weather_alerts/*.json");
		assertThat(examples).extracting(Resource::getFilename).contains("alert-bounds.json");
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		for (int i = 0; i < examples.length; i++) {
			records.add(new ConsumerRecord<>(this.topicNames.weatherAlerts(), 0, i, null,
					examples[i].getContentAsByteArray()));
		}
		this.listener.onMessage(records);
		this.listener.onMessage(records);

		assertThat(this.deadLetters).isEmpty();
		assertThat(this.alerts.find(new AlertQuery(null, null, null, null, 1000))).hasSize(examples.length)
			.anySatisfy((alert) -> {
				assertThat(alert.to()).isEqualTo("9999-12-31T23:59:59.999999999Z");
				assertThat(alert.raisedAt()).isEqualTo("0000-01-01T00:00:00Z");
				assertThat(alert.count()).isEqualTo(Integer.MAX_VALUE);
				assertThat(alert.location()).hasSize(128);
			});
	}

	private List<Document> alertDocuments() {
		return this.mongo.getCollection("alerts").find().into(new ArrayList<>());
	}

	/** A heat-wave alert about Seville, its window starting at noon. */
	private ConsumerRecord<byte[], byte[]> alert(int partition, long offset, String raisedAt) {
		return alert(partition, offset, "2026-07-14T12:00:00Z", raisedAt);
	}

	private ConsumerRecord<byte[], byte[]> alert(int partition, long offset, String from, String raisedAt) {
		String json = "{\"id\":\"heat-wave/Seville/" + from + "\",\"kind\":\"heat-wave\",\"location\":\"Seville\","
				+ "\"from\":\"" + from + "\",\"to\":\"" + Instant.parse(from).plusSeconds(3 * 3600)
				+ "\",\"value\":36.8,\"threshold\":32," + "\"count\":36,\"sourceId\":null,\"raisedAt\":\"" + raisedAt
				+ "\"}";
		return new ConsumerRecord<>(this.topicNames.weatherAlerts(), partition, offset, null,
				json.getBytes(StandardCharsets.UTF_8));
	}

}
