package tributary.ingest.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import tributary.ingest.web.IngestEndpoint;
import tributary.support.topics.TopicsProperties;

/**
 * The schema of each topic the service writes, read once at start-up from
 * {@code contracts/<topic>.schema.json} on the class path; a missing schema stops the
 * service from starting rather than leaving a hole in the contract.
 */
@Component
class ContractSchemas {

	private final Map<String, byte[]> byTopic = new HashMap<>();

	ContractSchemas(List<IngestEndpoint> endpoints, TopicsProperties topics) {
		for (IngestEndpoint endpoint : endpoints) {
			String contract = endpoint.eventType().contract();
			byte[] schema = load(contract);
			// Both names work: the contract's and the topic's, if configured differently.
			this.byTopic.put(contract, schema);
			this.byTopic.put(endpoint.eventType().topic(topics), schema);
		}
	}

	Optional<byte[]> schema(String topic) {
		return Optional.ofNullable(this.byTopic.get(topic));
	}

	List<String> topics() {
		return this.byTopic.keySet().stream().sorted().toList();
	}

	private static byte[] load(String contract) {
		ClassPathResource resource = new ClassPathResource("contracts/" + contract + ".schema.json");
		try (InputStream in = resource.getInputStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The schema of " + contract + " is missing from the class path", ex);
		}
	}

}
