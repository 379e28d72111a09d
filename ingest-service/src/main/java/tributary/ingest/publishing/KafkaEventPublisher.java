package tributary.ingest.publishing;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import tributary.ingest.events.EventType;
import tributary.ingest.system.IngestMetrics;

import org.springframework.kafka.core.ProducerFactory;

/**
 * Publishes through one shared, thread-safe Kafka producer (configured under
 * {@code spring.kafka.producer}: acks=all, idempotent, bounded blocking and delivery
 * time). Sharing it lets records from concurrent requests travel in the same batches.
 */
class KafkaEventPublisher implements EventPublisher {

	private final Producer<String, byte[]> producer;

	private final IngestMetrics metrics;

	KafkaEventPublisher(ProducerFactory<String, byte[]> producerFactory, IngestMetrics metrics) {
		// Created now rather than on the first request, so that its metrics are in the
		// first scrape and the first event does not pay for the connection.
		this.producer = producerFactory.createProducer();
		this.metrics = metrics;
	}

	/**
	 * Fetches a topic's partitions into the producer's metadata, waiting at most
	 * {@code max.block.ms}.
	 * @param topic the topic
	 * @throws KafkaException if they could not be fetched in time
	 */
	void fetchMetadata(String topic) {
		this.producer.partitionsFor(topic);
	}

	@Override
	public void publish(String topic, String key, EventType type, byte[] value, Acknowledgements acknowledgements,
			int slot) {
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, key, value,
				new RecordHeaders(type.headers()));
		Timer timer = this.metrics.publishTimer(topic);
		long start = System.nanoTime();
		try {
			this.producer.send(record, (metadata, exception) -> {
				long nanos = System.nanoTime() - start;
				if (exception != null) {
					timer.record(nanos, TimeUnit.NANOSECONDS);
					acknowledgements.failed(slot, exception);
				}
				else {
					// Recorded by the request's thread: this is the producer's single I/O
					// thread, and recording into the histogram took a quarter of it.
					acknowledgements.acknowledged(slot, metadata.partition(), metadata.offset(), nanos);
				}
			});
		}
		catch (KafkaException | IllegalStateException ex) {
			// Thrown rather than reported for a serializer failure or a closed producer.
			acknowledgements.failed(slot, ex);
		}
	}

}
