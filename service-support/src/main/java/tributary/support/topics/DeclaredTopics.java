package tributary.support.topics;

import java.util.List;

import org.apache.kafka.clients.admin.NewTopic;

/**
 * The suite's topics as declared in {@link TopicsProperties}: every event topic and its
 * dead-letter topic.
 *
 * @param topics the declarations, ready for the admin client
 */
public record DeclaredTopics(List<NewTopic> topics) {

	public DeclaredTopics {
		topics = List.copyOf(topics);
	}

}
