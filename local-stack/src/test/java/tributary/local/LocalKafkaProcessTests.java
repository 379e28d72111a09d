package tributary.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LocalKafkaProcessTests {

	@TempDir
	Path dataDir;

	@Test
	void keepsRecordsAcrossARestartOfTheBroker() throws Exception {
		try (LocalKafkaProcess broker = LocalKafkaProcess.start(this.dataDir)) {
			try (Admin admin = Admin
				.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
				admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
			}
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
							ProducerConfig.ACKS_CONFIG, "all"),
					new StringSerializer(), new StringSerializer())) {
				producer.send(new ProducerRecord<>("kept", "k", "v")).get(30, TimeUnit.SECONDS);
			}
		}

		try (LocalKafkaProcess broker = LocalKafkaProcess.start(this.dataDir);
				KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
						Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
								ConsumerConfig.GROUP_ID_CONFIG, "reader", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
								"earliest"),
						new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of("kept"));
			ConsumerRecords<String, String> records = ConsumerRecords.empty();
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (records.isEmpty() && System.nanoTime() < deadline) {
				records = consumer.poll(Duration.ofMillis(500));
			}
			assertThat(records).singleElement().satisfies((record) -> {
				assertThat(record.key()).isEqualTo("k");
				assertThat(record.value()).isEqualTo("v");
			});
		}
	}

}
