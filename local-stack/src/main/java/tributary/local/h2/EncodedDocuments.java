package tributary.local.h2;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import de.bwaldvogel.mongo.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * The BSON of documents already written once, by document identity, so that a page
 * written again because one of its documents changed re-encodes only that one.
 *
 * <p>
 * H2 rewrites a whole page at every commit in which any of its entries changed. Raw
 * events are keyed by random ids, so each new event dirties a page holding a dozen older
 * ones, and without this each commit encoded every one of them again: about half of the
 * store's CPU in the end-to-end benchmark. A document read back from the file (its page
 * had left H2's cache) comes with its encoding, which is remembered too.
 *
 * <p>
 * A cached encoding is only right while its document is unchanged. The library changes a
 * stored document in place when it updates it, and then puts it back into its map: the
 * collection calls {@link #forget} there (see {@link ValueOrderedH2Backend}), after the
 * change. An encoding made while that change was under way is dropped rather than kept:
 * {@link #encode} re-checks the count of changes after caching.
 *
 * <p>
 * Entries hold their documents weakly, so the cache never keeps a document alive that the
 * store itself has let go of.
 */
final class EncodedDocuments {

	private final Map<Key, byte[]> encoded = new ConcurrentHashMap<>();

	private final ReferenceQueue<Document> collected = new ReferenceQueue<>();

	private final AtomicLong changes = new AtomicLong();

	/**
	 * The document's encoding, cached or made now.
	 * @param document the document
	 * @param encoder makes the encoding; returns {@code null} if the document cannot be
	 * encoded, which is not cached
	 * @return the encoding, or {@code null}
	 */
	byte @Nullable [] encode(Document document, Function<Document, byte @Nullable []> encoder) {
		expunge();
		byte[] cached = this.encoded.get(new Key(document, null));
		if (cached != null) {
			return cached;
		}
		long before = this.changes.get();
		byte[] bytes = encoder.apply(document);
		if (bytes != null && before == this.changes.get()) {
			Key key = new Key(document, this.collected);
			this.encoded.put(key, bytes);
			if (before != this.changes.get()) {
				// a document changed meanwhile, perhaps this one, half-way through
				this.encoded.remove(key, bytes);
			}
		}
		return bytes;
	}

	/**
	 * Remembers the encoding a document was just decoded from, before anyone else has it.
	 * @param document the document
	 * @param bytes its encoding
	 */
	void remember(Document document, byte[] bytes) {
		expunge();
		this.encoded.put(new Key(document, this.collected), bytes);
	}

	/**
	 * Drops the encoding of a document that was changed in place; call after the change.
	 * @param document the document
	 */
	void forget(Document document) {
		this.changes.incrementAndGet();
		this.encoded.remove(new Key(document, null));
	}

	int size() {
		expunge();
		return this.encoded.size();
	}

	private void expunge() {
		for (Object gone = this.collected.poll(); gone != null; gone = this.collected.poll()) {
			this.encoded.remove(gone);
		}
	}

	/** A document by identity, held weakly. */
	private static final class Key extends WeakReference<Document> {

		private final int hash;

		Key(Document document, @Nullable ReferenceQueue<Document> queue) {
			super(document, queue);
			this.hash = System.identityHashCode(document);
		}

		@Override
		public int hashCode() {
			return this.hash;
		}

		@Override
		public boolean equals(@Nullable Object other) {
			if (this == other) {
				return true;
			}
			if (!(other instanceof Key key)) {
				return false;
			}
			Document document = get();
			return document != null && document == key.get();
		}

	}

}
