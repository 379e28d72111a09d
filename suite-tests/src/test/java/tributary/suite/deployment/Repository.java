package tributary.suite.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository and this module's build folder are. */
final class Repository {

	private Repository() {
	}

	/**
	 * The repository's root folder, the one holding {@code ./tributary}.
	 * @return its absolute path
	 */
	static Path root() {
		Path candidate = Path.of("").toAbsolutePath();
		while (candidate != null && !Files.isRegularFile(candidate.resolve("tributary"))) {
			candidate = candidate.getParent();
		}
		if (candidate == null) {
			throw new IllegalStateException("The tests must run inside the repository: no ./tributary found");
		}
		return candidate;
	}

	/**
	 * A file or folder of the repository.
	 * @param relative a path relative to the root, such as {@code k8s/base}
	 * @return its absolute path
	 */
	static Path path(String relative) {
		return root().resolve(relative);
	}

	/**
	 * A fresh folder under {@code suite-tests/target} for a check's files.
	 * @param prefix the start of the folder's name
	 * @return the new folder
	 */
	static Path scratchFolder(String prefix) {
		try {
			Path target = root().resolve("suite-tests/target");
			Files.createDirectories(target);
			return Files.createTempDirectory(target, prefix);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
