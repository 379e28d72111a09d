package tributary.testsupport.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a command to completion within a time bound. Its input and its output (stdout and
 * stderr together) go through files, so neither side can block on a full pipe: a command
 * that hangs is killed at the bound and the test fails with what it printed, instead of
 * hanging the test.
 */
public final class Command {

	private Command() {
	}

	/**
	 * Runs a command and asserts that it ends within the bound with exit status 0.
	 * @param builder the command, its directory and environment; its redirections are
	 * replaced
	 * @param input what the command reads on stdin
	 * @param timeout how long it may take
	 * @return what it printed
	 */
	public static String succeed(ProcessBuilder builder, String input, Duration timeout) {
		Finished finished = run(builder, input, timeout);
		assertThat(finished.inTime())
			.as("%s finished within %s; output: %s", builder.command(), timeout, finished.output())
			.isTrue();
		assertThat(finished.exitCode()).as("%s exit status; output: %s", builder.command(), finished.output()).isZero();
		return finished.output();
	}

	/**
	 * Runs a command until it ends or the bound passes, when it is killed.
	 * @param builder the command, its directory and environment; its redirections are
	 * replaced
	 * @param input what the command reads on stdin
	 * @param timeout how long it may take
	 * @return whether it ended in time, how, and what it printed
	 */
	public static Finished run(ProcessBuilder builder, String input, Duration timeout) {
		Path in = null;
		Path out = null;
		try {
			in = Files.createTempFile("command-in", ".txt");
			out = Files.createTempFile("command-out", ".txt");
			Files.writeString(in, input, StandardCharsets.UTF_8);
			Process process = builder.redirectInput(in.toFile())
				.redirectOutput(out.toFile())
				.redirectErrorStream(true)
				.start();
			boolean inTime = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (!inTime) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
			int exitCode = process.isAlive() ? -1 : process.exitValue();
			return new Finished(inTime, exitCode, Files.readString(out, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + builder.command(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while running " + builder.command(), ex);
		}
		finally {
			deleteQuietly(in);
			deleteQuietly(out);
		}
	}

	private static void deleteQuietly(@Nullable Path file) {
		if (file != null) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				// a temporary file left behind is harmless
			}
		}
	}

	/**
	 * How a command ended.
	 *
	 * @param inTime whether it ended within the bound (otherwise it was killed)
	 * @param exitCode its exit status, -1 if it could not be killed
	 * @param output what it printed on stdout and stderr, interleaved
	 */
	public record Finished(boolean inTime, int exitCode, String output) {

	}

}
