package tributary.testsupport.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A benchmark's temporary folder (its broker's logs, its stores' files), removed when the
 * benchmark ends well: a store of a few hundred thousand records takes hundreds of
 * megabytes, and a folder left behind by every run fills the disk. A run that fails keeps
 * it for its logs, and {@code -Dbench.keepWork=true} keeps it always.
 */
public final class WorkFolder {

	private WorkFolder() {
	}

	/**
	 * Removes a folder and everything in it, unless asked to keep it.
	 * @param folder the folder
	 * @return whether it was removed
	 */
	public static boolean remove(Path folder) {
		if (Boolean.getBoolean("bench.keepWork") || !Files.exists(folder)) {
			return false;
		}
		try (Stream<Path> paths = Files.walk(folder)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
			return true;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not remove " + folder, ex);
		}
	}

}
