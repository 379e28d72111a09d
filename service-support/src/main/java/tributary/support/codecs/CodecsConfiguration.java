package tributary.support.codecs;

import org.apache.kafka.common.record.CompressionType;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Every service with Kafka's client checks at start-up that it can read each codec
 * ({@link KafkaCodecs}), before its consumers and producers start.
 */
@AutoConfiguration
@ConditionalOnClass(CompressionType.class)
public class CodecsConfiguration {

	@Bean
	InitializingBean kafkaCodecsCheck() {
		return KafkaCodecs::requireAll;
	}

}
