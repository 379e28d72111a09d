package tributary.support.topics;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares every topic of the suite, each consumed topic with its dead-letter topic, and
 * provisions them with {@link TopicProvisioner} instead of {@link KafkaAdmin}, which
 * would add partitions to an existing topic.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@EnableConfigurationProperties(TopicsProperties.class)
public class TopicsConfiguration {

	@Bean
	DeclaredTopics tributaryTopics(TopicsProperties properties) {
		List<NewTopic> topics = new ArrayList<>();
		for (String topic : properties.eventTopics()) {
			topics.add(topic(topic, properties).build());
			topics.add(
					topic(properties.deadLetter(topic), properties)
						.config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
								Integer.toString(DeclaredTopics.DEAD_LETTER_MAX_MESSAGE_BYTES))
						.build());
		}
		return new DeclaredTopics(topics);
	}

	private static TopicBuilder topic(String name, TopicsProperties properties) {
		// With three or more replicas an acknowledged write
		// survives the loss of one broker.
		int minInSyncReplicas = Math.min(2, Math.max(1, properties.replicationFactor() - 1));
		return TopicBuilder.name(name)
			.partitions(properties.partitions())
			.replicas(properties.replicationFactor())
			.config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(properties.retention().toMillis()))
			.config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInSyncReplicas));
	}

	@Bean
	static BeanPostProcessor kafkaAdminLeavesTopicsAlone() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof KafkaAdmin admin) {
					admin.setAutoCreate(false);
				}
				return bean;
			}
		};
	}

	@Bean
	TopicProvisioner topicProvisioner(TopicsProperties properties, KafkaAdmin kafkaAdmin, DeclaredTopics declared,
			ObjectProvider<NewTopic> others) {
		return new TopicProvisioner(properties, kafkaAdmin, () -> {
			List<NewTopic> all = new ArrayList<>(declared.topics());
			others.orderedStream().forEach(all::add);
			return all;
		});
	}

}
