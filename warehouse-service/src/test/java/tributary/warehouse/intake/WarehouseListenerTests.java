package tributary.warehouse.intake;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.mongodb.MongoSocketOpenException;
import com.mongodb.ServerAddress;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import tributary.support.topics.TopicsProperties;
import tributary.warehouse.alerts.Alerts;
import tributary.warehouse.events.Arrival;
import tributary.warehouse.events.EventReader;
import tributary.warehouse.events.Outcome;
import tributary.warehouse.events.RawEvents;
import tributary.warehouse.events.SourceTopics;
import tributary.warehouse.events.StoreResult;
import tributary.warehouse.insights.Aggregates;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.kafka.core.KafkaOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * How the listener reacts when the store fails: transient faults go to the retry loop
 * with nothing dead-lettered; anything else makes it take the batch one record at a time
 * and dead-letter only the record that fails alone.
 */
class WarehouseListenerTests {

	private final TopicsProperties topicNames = Binder.get(new StandardEnvironment())
		.bindOrCreate("tributary.topics", TopicsProperties.class);

	private final SourceTopics topics = new SourceTopics(this.topicNames);

	private final RawEvents rawEvents = mock(RawEvents.class);

	private final Aggregates aggregates = mock(Aggregates.class);

	private final List<ProducerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();

	private final WarehouseListener listener;

	@SuppressWarnings("unchecked")
	WarehouseListenerTests() {
		KafkaOperations<byte[], byte[]> kafka = mock(KafkaOperations.class);
		when(kafka.send(any(ProducerRecord.class))).thenAnswer((invocation) -> {
			this.deadLetters.add(invocation.getArgument(0));
			return CompletableFuture.completedFuture(null);
		});
		this.listener = new WarehouseListener(this.topics, new EventReader(), this.rawEvents, this.aggregates,
				mock(Alerts.class), new DeadLetters(kafka, this.topics, "warehouse"),
				new IntakeMetrics(new SimpleMeterRegistry()));
	}

	@Test
	void aTransientStoreFaultGoesToTheRetryLoopWithNothingDeadLettered() {
		when(this.rawEvents.store(anyMap())).thenThrow(new MongoSocketOpenException("refused", new ServerAddress()));
		assertThatExceptionOfType(MongoSocketOpenException.class)
			.isThrownBy(() -> this.listener.onMessage(List.of(reading(0, "a"), reading(1, "b"))));
		assertThat(this.deadLetters).isEmpty();
	}

	@Test
	void aBatchTheStoreRefusesForOneRecordIsTakenOneByOneAndOnlyThatRecordIsDeadLettered() {
		// The store refuses any write that contains record "bad",
		// for a reason that does not pass.
		when(this.rawEvents.store(anyMap())).thenAnswer((invocation) -> {
			List<Arrival> arrivals = arrivals(invocation.getArgument(0));
			if (arrivals.stream().anyMatch((arrival) -> arrival.event().id().equals("bad"))) {
				throw new IllegalArgumentException("Invalid BSON field name");
			}
			return arrivals.stream()
				.map((arrival) -> new StoreResult(arrival, Outcome.STORED, Instant.now(), null))
				.toList();
		});
		List<List<String>> applied = new ArrayList<>();
		doAnswer((invocation) -> {
			List<Arrival> counted = invocation.getArgument(0);
			applied.add(counted.stream().map((arrival) -> arrival.event().id()).toList());
			return null;
		}).when(this.aggregates).apply(anyList(), any());

		this.listener.onMessage(List.of(reading(0, "a"), reading(1, "bad"), reading(2, "c")));

		assertThat(this.deadLetters).singleElement().satisfies((letter) -> {
			assertThat(
					new String(letter.headers().lastHeader(DeadLetters.REASON_HEADER).value(), StandardCharsets.UTF_8))
				.isEqualTo("could not be stored: IllegalArgumentException: Invalid BSON field name");
			assertThat(new String(letter.value(), StandardCharsets.UTF_8)).contains("\"bad\"");
		});
		// One at a time, in offset order.
		assertThat(applied).containsExactly(List.of("a"), List.of("c"));
	}

	@Test
	void aRecordWhoseContributionsCannotBeComputedIsDeadLetteredBeforeAnyWrite() {
		when(this.rawEvents.store(anyMap())).thenAnswer((invocation) -> {
			List<Arrival> arrivals = arrivals(invocation.getArgument(0));
			return arrivals.stream()
				.map((arrival) -> new StoreResult(arrival, Outcome.STORED, Instant.now(), null))
				.toList();
		});
		ConsumerRecord<byte[], byte[]> farFuture = new ConsumerRecord<>(this.topicNames.weatherData(), 0, 1, null,
				json("far", "+300000000-01-01T00:00:00Z"));
		this.listener.onMessage(List.of(reading(0, "a"), farFuture));
		assertThat(this.deadLetters).singleElement()
			.satisfies((letter) -> assertThat(
					new String(letter.headers().lastHeader(DeadLetters.REASON_HEADER).value(), StandardCharsets.UTF_8))
				.startsWith("observedAt: must be an RFC 3339 date-time with a four-digit year"));
		verify(this.rawEvents, never()).store(org.mockito.ArgumentMatchers
			.argThat((Map<String, List<Arrival>> byTopic) -> arrivals(byTopic).size() != 1));
	}

	private static List<Arrival> arrivals(Map<String, List<Arrival>> byTopic) {
		return byTopic.values().stream().flatMap(List::stream).toList();
	}

	private ConsumerRecord<byte[], byte[]> reading(long offset, String id) {
		return new ConsumerRecord<>(this.topicNames.weatherData(), 0, offset, null, json(id, "2026-11-20T09:00:00Z"));
	}

	private static byte[] json(String id, String observedAt) {
		return ("{\"id\":\"" + id + "\",\"stationId\":\"s\",\"location\":\"Berlin\",\"observedAt\":\"" + observedAt
				+ "\",\"temperatureC\":12.5,\"ingestedAt\":\"2026-11-20T09:00:01Z\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

}
