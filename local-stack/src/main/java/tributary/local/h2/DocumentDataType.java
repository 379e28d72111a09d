package tributary.local.h2;

import java.nio.ByteBuffer;

import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The value type of a collection's data map: each document written as BSON
 * ({@link TaggedBson}).
 *
 * <p>
 * The library's backend leaves documents to H2's {@link ObjectDataType}, which
 * Java-serializes them. H2 writes a whole page at every commit in which one of its
 * documents changed, so a page of raw events with one new event, or of aggregates with
 * one updated, had every document in it serialized again: the largest share of the
 * store's CPU in the end-to-end benchmark. Documents unchanged since they were last
 * written are not encoded again ({@link EncodedDocuments}).
 */
final class DocumentDataType extends BasicDataType<Document> {

	private final TaggedBson file = new TaggedBson();

	private final EncodedDocuments encoded = new EncodedDocuments();

	@Override
	public int getMemory(Document document) {
		return HeapSize.of(document);
	}

	@Override
	public void write(WriteBuffer buffer, Document document) {
		this.file.write(buffer, this.encoded.encode(document, TaggedBson::encode), document);
	}

	/**
	 * The size of a document's BSON, encoded now (and kept for when its page is written)
	 * or cached; what the library's own size accounting computes, without a second
	 * encoding.
	 * @param document the document
	 * @return the number of bytes of its BSON
	 * @throws IllegalArgumentException if BSON has no type for one of its values, as the
	 * library's accounting would
	 */
	int size(Document document) {
		byte[] bson = this.encoded.encode(document, TaggedBson::encode);
		return (bson != null) ? bson.length : TaggedBson.size(document);
	}

	/**
	 * Drops what is cached of a document changed in place, so that it is written again as
	 * it is now.
	 * @param document the document, after the change
	 */
	void changed(Document document) {
		this.encoded.forget(document);
	}

	@Override
	public Document read(ByteBuffer buffer) {
		Object document = this.file.read(buffer, this.encoded);
		if (document instanceof Document read) {
			return read;
		}
		throw new IllegalStateException("A data map holds a "
				+ ((document != null) ? document.getClass().getName() : "null") + " where a document was expected");
	}

	@Override
	public Document[] createStorage(int size) {
		return new Document[size];
	}

}
