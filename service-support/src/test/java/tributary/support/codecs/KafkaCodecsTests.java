package tributary.support.codecs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.kafka.common.record.CompressionType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tributary.testsupport.process.Command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class KafkaCodecsTests {

	@Test
	void everyCodecWritesAndReadsARecordHere() {
		assertThat(KafkaCodecs.CODECS).containsExactlyInAnyOrder(CompressionType.GZIP, CompressionType.SNAPPY,
				CompressionType.LZ4, CompressionType.ZSTD);

		assertThatNoException().isThrownBy(KafkaCodecs::requireAll);
	}

	@Test
	void aCodecWhoseNativeCodeCannotLoadFailsTheCheckNamingItAndTheFix() {
		assertThatIllegalStateException().isThrownBy(() -> KafkaCodecs.require(KafkaCodecs.CODECS, (codec) -> {
			if (codec == CompressionType.SNAPPY) {
				throw new UnsatisfiedLinkError("libsnappyjava.so: failed to map segment from shared object");
			}
			KafkaCodecs.roundTrip(codec);
		}))
			.withMessageStartingWith("This JVM cannot read Kafka records compressed with snappy, which any client")
			.withMessageContaining("snappy: UnsatisfiedLinkError: libsnappyjava.so: failed to map segment")
			.withMessageContaining("java.io.tmpdir")
			.withMessageContaining("tmpfs: /tmp:exec")
			.withMessageNotContaining("gzip")
			.withMessageNotContaining("zstd:");
	}

	/**
	 * The real failure, in a JVM of its own (a native library loads once per JVM): with a
	 * temporary directory it cannot write to, snappy and zstd cannot unpack their native
	 * code, as where it cannot be executed.
	 */
	@Test
	void aTemporaryDirectoryTheNativeCodeCannotGoToFailsTheCheck(@TempDir Path directory)
			throws IOException, InterruptedException {
		Path notADirectory = Files.writeString(directory.resolve("file"), "");
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Command.Finished check = Command
			.run(new ProcessBuilder(java.toString(), "-Djava.io.tmpdir=" + notADirectory.resolve("tmp"), "-cp",
					System.getProperty("java.class.path"), CodecCheck.class.getName()), "", Duration.ofSeconds(60));

		String output = check.output();
		assertThat(check.inTime()).as(output).isTrue();
		assertThat(check.exitCode()).as(output).isEqualTo(1);
		assertThat(output).contains("This JVM cannot read Kafka records compressed with snappy, zstd,")
			.doesNotContain("gzip")
			.doesNotContain("with lz4")
			.doesNotContain(", lz4");
	}

	/**
	 * Runs the check in a JVM of its own: exit status 1 and the message when it fails.
	 */
	static final class CodecCheck {

		public static void main(String[] args) {
			try {
				KafkaCodecs.requireAll();
			}
			catch (IllegalStateException ex) {
				System.out.println(ex.getMessage());
				System.exit(1);
			}
		}

	}

}
