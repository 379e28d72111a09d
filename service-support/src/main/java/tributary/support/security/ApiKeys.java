package tributary.support.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The accepted API keys, held as SHA-256 digests and compared in constant time.
 *
 * <p>
 * Hashing first makes every comparison the same length whatever the presented key, and
 * every configured key is compared on every check, so the time taken says nothing about
 * which key, or how much of one, matched.
 */
public final class ApiKeys {

	private final List<byte[]> digests;

	public ApiKeys(List<String> keys) {
		this.digests = keys.stream().map(ApiKeys::digest).toList();
	}

	/**
	 * Finds the configured key a request presented.
	 * @param presented the header's value, if any
	 * @return the index of the matching key, which names it in metrics and rate limits
	 * without revealing it
	 */
	public Optional<Integer> match(@Nullable String presented) {
		if (presented == null) {
			return Optional.empty();
		}
		byte[] candidate = digest(presented);
		int matched = -1;
		for (int i = 0; i < this.digests.size(); i++) {
			if (MessageDigest.isEqual(this.digests.get(i), candidate)) {
				matched = i;
			}
		}
		return (matched < 0) ? Optional.empty() : Optional.of(matched);
	}

	private static byte[] digest(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

}
