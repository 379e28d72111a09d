package tributary.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tributary.testsupport.process.Command;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./tributary} trusts a pid file only when the process is the one it started: a
 * pid that another process got since (after a reboot, say) is not the suite.
 */
class StalePidFileTests {

	private static final long OURS = ProcessHandle.current().pid();

	@TempDir
	Path dataDir;

	@Test
	void aPidWithAnotherStartTimeIsNotTheSuite() throws Exception {
		pidFile("ingest", "1");
		pidFile("supervisor", "1");

		assertThat(run("status")).containsPattern("(?m)^ingest\\s+-\\s+\\d+\\s+STOPPED\\s")
			.contains("Supervisor: not running");
		assertThat(run("down")).contains("Nothing runs from");
	}

	@Test
	void aPidWithoutStartTimeWhoseCommandLineDoesNotNameTheDataFolderIsNotTheSuite() throws Exception {
		pidFile("kafka", null);

		assertThat(run("status")).containsPattern("(?m)^kafka\\s+-\\s+\\d+\\s+STOPPED\\s");
	}

	@Test
	void aPidWithItsStartTimeIsTrusted() throws Exception {
		pidFile("store", startTimeOf(OURS));

		assertThat(run("status")).containsPattern("(?m)^store\\s+" + OURS + "\\s");
	}

	/**
	 * Writes NAME.pid with this JVM's pid and, unless null, NAME.start with the given
	 * start time.
	 */
	private void pidFile(String name, @Nullable String startTime) throws IOException {
		Files.createDirectories(this.dataDir.resolve("run"));
		Files.writeString(this.dataDir.resolve("run/" + name + ".pid"), OURS + "\n");
		if (startTime != null) {
			Files.writeString(this.dataDir.resolve("run/" + name + ".start"), OURS + " " + startTime + "\n");
		}
	}

	/**
	 * Field 22 of /proc/PID/stat, counted after the command name, which may hold spaces.
	 */
	private static String startTimeOf(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
		return stat.substring(stat.lastIndexOf(") ") + 2).split(" ")[19];
	}

	private String run(String command) throws Exception {
		Path root = Path.of("").toAbsolutePath();
		while (!Files.isRegularFile(root.resolve("tributary"))) {
			root = root.getParent();
		}
		ProcessBuilder builder = new ProcessBuilder(List.of("bash", root.resolve("tributary").toString(), command))
			.redirectErrorStream(true);
		builder.environment().put("TRIBUTARY_DATA_DIR", this.dataDir.toString());
		// Ports nothing listens on, so that no process of
		// another suite answers for these.
		for (String name : List.of("KAFKA", "STORE", "INGEST", "SENTIMENT", "WAREHOUSE")) {
			builder.environment().put("TRIBUTARY_" + name + "_PORT", "1");
		}
		return Command.succeed(builder, "", Duration.ofSeconds(30));
	}

}
