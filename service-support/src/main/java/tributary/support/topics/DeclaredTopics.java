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

	/**
	 * The largest record a dead-letter topic takes, and so the {@code max.request.size}
	 * of the producers that write dead letters: twice the broker's default for the source
	 * topics (1 MiB), because a dead letter is its record plus headers and must never be
	 * refused as too large.
	 */
	public static final int DEAD_LETTER_MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

	public DeclaredTopics {
		topics = List.copyOf(topics);
	}

}
