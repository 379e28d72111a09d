package tributary.warehouse.store;

import org.bson.Document;
import org.bson.conversions.Bson;

/** One write of a batch into one collection. */
public sealed interface Write {

	/**
	 * The collection written to.
	 * @return its name, in the template's database
	 */
	String collection();

	/**
	 * A document inserted, refused with a duplicate-key error if its id is taken.
	 *
	 * @param collection the collection
	 * @param document the document, with its {@code _id}
	 */
	record Insert(String collection, Document document) implements Write {
	}

	/**
	 * An update of the one document the filter matches, or the insert of one if none
	 * does.
	 *
	 * @param collection the collection
	 * @param filter which document
	 * @param update the update operators
	 */
	record Upsert(String collection, Bson filter, Bson update) implements Write {
	}

	/**
	 * The one document the filter matches replaced by another, or that other inserted if
	 * none matches. The store then has no update operators to apply, only a document to
	 * keep: in an in-process trial, the embedded store spent half as much on one as on an
	 * upsert that changes the same fields with {@code $inc} on dotted paths.
	 *
	 * @param collection the collection
	 * @param filter which document
	 * @param replacement the whole new document, with its {@code _id}
	 */
	record Replace(String collection, Bson filter, Document replacement) implements Write {
	}

}
