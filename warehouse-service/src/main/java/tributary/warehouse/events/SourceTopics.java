package tributary.warehouse.events;

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
		this.kinds = Map.of(topics.socialMedia(), EventKind.POST, topics.weatherData(), EventKind.READING,
				topics.customerFeedback(), EventKind.FEEDBACK, topics.customerSentiment(), EventKind.SENTIMENT);
		if (this.kinds.size() != 4) {
			throw new IllegalArgumentException(
					"The four event topics must have four different names but were " + topics.eventTopics());
		}
	}

	/** The topics, in the order data flows through the suite. */
	public List<String> names() {
		return List.of(this.topics.socialMedia(), this.topics.weatherData(), this.topics.customerFeedback(),
				this.topics.customerSentiment());
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
