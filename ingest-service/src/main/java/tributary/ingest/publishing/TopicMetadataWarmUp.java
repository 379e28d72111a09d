package tributary.ingest.publishing;

import java.util.List;
import java.util.function.Consumer;

import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Fetches the producer's metadata of the topics events are published to before the web
 * server takes requests.
 *
 * <p>
 * A producer learns a topic's partitions on the first send to it, and every send to the
 * topic waits for them, at most {@code max.block.ms}. A freshly started ingest under
 * load, a restart after {@code kill -9} for instance, had its first requests each wait
 * for that, and answered {@code 503} when the wait ran out ("not present in metadata
 * after 2000 ms"): in the fault-injection run, ten requests of one topic, while requests
 * of the others took up to 6.7 s. Asked here, one topic after the other, the metadata is
 * there when the first request comes. If the broker cannot be reached, the first topic's
 * wait says so and the rest are not tried: the service starts anyway and its sends wait
 * for the broker as before.
 */
class TopicMetadataWarmUp implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(TopicMetadataWarmUp.class);

	/** Before the web server ({@code WebServerStartStopLifecycle}), which starts late. */
	private static final int PHASE = 0;

	private final List<String> topics;

	private final Consumer<String> fetch;

	private volatile boolean running;

	/**
	 * Warms up the metadata of some topics.
	 * @param topics the topics events are published to
	 * @param fetch fetches a topic's metadata, throwing a {@link KafkaException} if it
	 * cannot
	 */
	TopicMetadataWarmUp(List<String> topics, Consumer<String> fetch) {
		this.topics = topics;
		this.fetch = fetch;
	}

	@Override
	public void start() {
		this.running = true;
		long started = System.nanoTime();
		for (String topic : this.topics) {
			try {
				this.fetch.accept(topic);
			}
			catch (KafkaException ex) {
				log.info("No metadata for topic {} before taking requests ({}); the first events wait for it", topic,
						String.valueOf(ex));
				return;
			}
		}
		log.debug("Metadata of {} fetched in {} ms", this.topics, (System.nanoTime() - started) / 1_000_000);
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
