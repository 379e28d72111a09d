package tributary.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LocalKafkaTests {

	@TempDir
	Path dataDir;

	@Test
	void runsBrokerAndControllerOnLoopbackWithSingleReplicaInternalTopics() {
		Map<String, String> properties = LocalKafka.serverProperties(this.dataDir.resolve("logs"), 19092, 19093, 6);

		assertThat(properties).containsEntry("process.roles", "broker,controller")
			.containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
			.containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19092")
			.containsEntry("controller.quorum.bootstrap.servers", "127.0.0.1:19093")
			.containsEntry("offsets.topic.replication.factor", "1")
			.containsEntry("transaction.state.log.replication.factor", "1")
			.containsEntry("transaction.state.log.min.isr", "1")
			.containsEntry("auto.create.topics.enable", "false")
			.containsEntry("num.partitions", "6");
	}

	@Test
	void formatsOnceAndKeepsTheControllerPortItWasFormattedWith() throws Exception {
		LocalKafka.prepare(this.dataDir, 19092, 19093, 6);
		Path meta = this.dataDir.resolve("kafka-logs/meta.properties");
		assertThat(meta).exists();
		String clusterId = Files.readString(meta);

		Path properties = LocalKafka.prepare(this.dataDir, 29092, 29093, 6);

		assertThat(Files.readString(meta)).isEqualTo(clusterId);
		assertThat(Files.readString(properties)).contains("127.0.0.1\\:29092").contains("127.0.0.1\\:19093");
	}

}
