package tributary.sentiment.stream;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.Deserializer;
import tools.jackson.databind.json.JsonMapper;
import tributary.sentiment.engine.SentimentScorer;
import tributary.support.topics.TopicsProperties;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.kafka.core.KafkaOperations;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The stream's listener wired as the application wires it (its scorer, deserializer,
 * dead-letter recoverer, metrics and Boot's JSON mapper), with a Kafka template that
 * keeps what it is asked to send instead of sending it: a test feeds it records and reads
 * {@link #sent()} without a broker.
 */
final class ListenerWithoutBroker {

	/** The JSON mapper Boot configures, as the application gets it. */
	static final JsonMapper jsonMapper = bootJsonMapper();

	/** The default topic names. */
	static final TopicsProperties topics = Binder.get(new StandardEnvironment())
		.bindOrCreate("tributary.topics", TopicsProperties.class);

	private final List<ProducerRecord<?, ?>> sent = new ArrayList<>();

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final PostListener listener;

	ListenerWithoutBroker(SentimentScorer scorer) {
		@SuppressWarnings("unchecked")
		KafkaOperations<String, Object> kafka = mock(KafkaOperations.class);
		when(kafka.send(any(ProducerRecord.class))).thenAnswer((invocation) -> {
			this.sent.add(invocation.getArgument(0));
			return new CompletableFuture<>();
		});
		when(kafka.partitionsFor(anyString())).thenAnswer((invocation) -> IntStream.range(0, 6)
			.mapToObj((partition) -> new PartitionInfo(invocation.getArgument(0), partition, null, null, null))
			.toList());
		StreamMetrics metrics = new StreamMetrics(this.registry);
		this.listener = new PostListener(new PostScorer(scorer, metrics, Clock.systemUTC()), kafka,
				new StreamConfiguration().deadLetterPublishingRecoverer(kafka, topics), metrics, topics, jsonMapper);
	}

	/** The stream's own deserializer of social_media values. */
	static Deserializer<Post> deserializer() {
		return StreamConfiguration.postDeserializer(jsonMapper);
	}

	PostListener listener() {
		return this.listener;
	}

	/** What the listener sent, scored posts and dead letters, in order. */
	List<ProducerRecord<?, ?>> sent() {
		return this.sent;
	}

	MeterRegistry registry() {
		return this.registry;
	}

	private static JsonMapper bootJsonMapper() {
		JsonMapper[] mapper = new JsonMapper[1];
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
			.run((context) -> mapper[0] = context.getBean(JsonMapper.class));
		return mapper[0];
	}

}
