package tributary.warehouse.events;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tributary.support.topics.TopicsProperties;

import org.springframework.stereotype.Component;

/** The topics the warehouse consumes and what each carries, as configured. */
@Component
public class SourceTopics {

	private final Map<String, EventKind> kinds;

	private final TopicsProperties topics;

	public SourceTopics(TopicsProperties topics) {
		this.topics = topics;
		Map<String, EventKind> kinds = new HashMap<>();
		kinds.put(topics.socialMedia(), EventKind.POST);
		kinds.put(topics.weatherData(), EventKind.READING);
		kinds.put(topics.customerFeedback(), EventKind.FEEDBACK);
		kinds.put(topics.customerSentiment(), EventKind.SENTIMENT);
		kinds.put(topics.weatherAlerts(), EventKind.ALERT);
		if (kinds.size() != EventKind.values().length) {
			throw new IllegalArgumentException("The " + EventKind.values().length
					+ " event topics must have different names but were " + topics.eventTopics());
		}
		this.kinds = Map.copyOf(kinds);
	}

	/** The topics, in the order data flows through the suite. */
	public List<String> names() {
		return this.topics.eventTopics();
	}

	/**
	 * What a consumed topic carries.
	 * @param topic one of {@link #names()}
	 * @return its kind
	 */
	public EventKind kindOf(String topic) {
		EventKind kind = this.kinds.get(topic);
		if (kind == null) {
			throw new IllegalArgumentException("Not a consumed topic: " + topic);
		}
		return kind;
	}

	/** Whether the name is one of the consumed topics. */
	public boolean contains(String topic) {
		return this.kinds.containsKey(topic);
	}

	/** The dead-letter topic of a consumed topic. */
	public String deadLetter(String topic) {
		return this.topics.deadLetter(topic);
	}

}
