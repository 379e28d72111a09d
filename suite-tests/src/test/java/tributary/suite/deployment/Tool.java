package tributary.suite.deployment;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tributary.testsupport.process.Command;

/**
 * A command-line tool the deployment checks run. A missing tool fails the check with the
 * package to install: a check that silently skips proves nothing.
 */
enum Tool {

	DOCKER_COMPOSE("docker-compose", "the Debian package docker-compose (apt-get install docker-compose)"),

	PROMTOOL("promtool", "the Debian package prometheus (apt-get install prometheus)"),

	PROMETHEUS("prometheus", "the Debian package prometheus (apt-get install prometheus)"),

	NODE("node", "Node.js 20 or newer (the Debian package nodejs, or nodejs.org)"),

	NPM("npm", "npm, which comes with Node.js (the Debian package npm)"),

	KUBECTL("kubectl", "the package kubectl, 1.27 or newer for Kustomize 5, from the Kubernetes apt repository "
			+ "pkgs.k8s.io (Debian's kubernetes-client is too old)");

	private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

	private final String executable;

	private final String installHint;

	Tool(String executable, String installHint) {
		this.executable = executable;
		this.installHint = installHint;
	}

	/**
	 * The tool's executable on the {@code PATH}.
	 * @return its path
	 * @throws AssertionError naming the package to install when it is missing
	 */
	Path path() {
		String pathVariable = System.getenv().getOrDefault("PATH", "");
		for (String directory : pathVariable.split(File.pathSeparator)) {
			if (directory.isEmpty()) {
				continue;
			}
			Path candidate = Path.of(directory, this.executable);
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		throw new AssertionError(this.executable + " is not installed, so this deployment check cannot run. Install "
				+ this.installHint + ".");
	}

	/**
	 * Runs the tool to completion.
	 * @param directory the working directory
	 * @param arguments the arguments after the executable
	 * @return the exit code and what it printed on stdout and stderr
	 */
	Result run(Path directory, String... arguments) {
		return run(directory, Map.of(), arguments);
	}

	/**
	 * Runs the tool to completion with a changed environment.
	 * @param directory the working directory
	 * @param environment variables set on top of this JVM's environment; an empty value
	 * removes the variable
	 * @param arguments the arguments after the executable
	 * @return the exit code and what it printed on stdout and stderr
	 */
	Result run(Path directory, Map<String, String> environment, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(path().toString());
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
		environment.forEach((name, value) -> {
			if (value.isEmpty()) {
				builder.environment().remove(name);
			}
			else {
				builder.environment().put(name, value);
			}
		});
		Command.Finished finished = Command.run(builder, "", DEFAULT_TIMEOUT);
		if (!finished.inTime()) {
			throw new AssertionError(String.join(" ", command) + " did not finish within " + DEFAULT_TIMEOUT);
		}
		return new Result(String.join(" ", command), finished.exitCode(), finished.output());
	}

	/**
	 * What a finished tool did.
	 *
	 * @param command the command line, for messages
	 * @param exitCode the process's exit code
	 * @param output stdout and stderr, interleaved
	 */
	record Result(String command, int exitCode, String output) {

		/**
		 * Asserts the tool succeeded.
		 * @return this result
		 */
		Result assertSuccess() {
			if (this.exitCode != 0) {
				throw new AssertionError(
						this.command + " failed with exit code " + this.exitCode + ":\n" + this.output);
			}
			return this;
		}

	}

}
