package tributary.ingest.publishing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import tools.jackson.databind.node.ObjectNode;
import tributary.ingest.events.Contracts;
import tributary.ingest.events.EventType;
import tributary.ingest.events.Json;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A publisher for slice tests: it keeps what it was given, answers like a broker with one
 * partition per key, and fails the keys it is told to, as a broker that stopped would.
 * Every record it takes is checked against its topic's schema.
 */
public class RecordingPublisher implements EventPublisher {

	/** How long each acknowledgement took, by what this publisher reports. */
	public static final long ACKNOWLEDGED_IN_NANOS = 3_000_000;

	private final List<Sent> sent = new CopyOnWriteArrayList<>();

	private final Set<String> failingKeys = ConcurrentHashMap.newKeySet();

	private final Map<String, RuntimeException> refusedKeys = new ConcurrentHashMap<>();

	private final AtomicLong offsets = new AtomicLong();

	private final List<String> contractViolations = new CopyOnWriteArrayList<>();

	private volatile boolean brokerDown;

	@Override
	public void publish(String topic, String key, EventType type, byte[] value, Acknowledgements acknowledgements,
			int slot) {
		if (this.brokerDown || this.failingKeys.contains(key)) {
			acknowledgements.failed(slot, new TimeoutException("Expiring 1 record(s): broker away"));
			return;
		}
		RuntimeException refusal = this.refusedKeys.get(key);
		if (refusal != null) {
			acknowledgements.failed(slot, refusal);
			return;
		}
		Map<String, String> headers = new java.util.LinkedHashMap<>();
		for (Header header : type.headers()) {
			headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
		}
		String json = new String(value, StandardCharsets.UTF_8);
		Contracts.violations(type.contract(), json)
			.forEach((violation) -> this.contractViolations.add(json + ": " + violation));
		this.sent.add(new Sent(topic, key, headers, Json.object(json), acknowledgements.taken()));
		acknowledgements.acknowledged(slot, Math.floorMod(key.hashCode(), 6), this.offsets.getAndIncrement(),
				ACKNOWLEDGED_IN_NANOS);
	}

	/** What was published, in order. */
	public List<Sent> sent() {
		return new ArrayList<>(this.sent);
	}

	/** Makes every publish fail as with a broker that is away. */
	public void brokerDown() {
		this.brokerDown = true;
	}

	/**
	 * Makes publishing records with a key fail.
	 * @param key the record key
	 */
	public void failKey(String key) {
		this.failingKeys.add(key);
	}

	/**
	 * Makes the broker refuse records with a key, as it refuses a record too large.
	 * @param key the record key
	 * @param error what the producer reports
	 */
	public void refuseKey(String key, RuntimeException error) {
		this.refusedKeys.put(key, error);
	}

	/** Lets every publish through again, as a broker that came back. */
	public void brokerBack() {
		this.brokerDown = false;
	}

	public void reset() {
		this.sent.clear();
		this.failingKeys.clear();
		this.refusedKeys.clear();
		this.contractViolations.clear();
		this.brokerDown = false;
	}

	/** Asserts that every record published so far validates against its schema. */
	public void assertContractsHeld() {
		assertThat(this.contractViolations).as("records that break their topic's schema").isEmpty();
	}

	/**
	 * One record handed to the publisher.
	 *
	 * @param topic its topic
	 * @param key its key
	 * @param headers its headers, as text
	 * @param value its value
	 * @param slotsTaken how many records its request had taken slots for when it was
	 * handed over
	 */
	public record Sent(String topic, String key, Map<String, String> headers, ObjectNode value, int slotsTaken) {
	}

}
