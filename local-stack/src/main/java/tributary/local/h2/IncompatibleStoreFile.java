package tributary.local.h2;

import java.nio.file.Path;

/**
 * The store file was written in a format this version cannot use safely; the message
 * names the file and what to do.
 */
public final class IncompatibleStoreFile extends RuntimeException {

	private static final long serialVersionUID = 1L;

	IncompatibleStoreFile(Path file, String problem) {
		super("Store file " + file.toAbsolutePath() + " " + problem);
	}

}
