package tributary.local.h2;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.exception.MongoServerException;

/**
 * MongoDB 8's cross-collection {@code bulkWrite} command on {@code admin}: inserts,
 * updates and deletes into any namespaces, answered with a cursor of per-operation
 * results, run through the store's own {@code insert}, {@code update} and {@code delete}
 * command handling.
 *
 * <p>
 * The point is one command for the writes of many collections, so that the backend waits
 * for one durable round for all of them. Consecutive inserts into one namespace go in one
 * inner {@code insert}; each update and delete runs alone, so that its counts are its
 * own. The whole command is checked before anything runs: an operation this store cannot
 * do exactly as MongoDB would ({@code arrayFilters}, {@code collation}, a pipeline
 * update, any field it does not know) refuses the command rather than half-doing it.
 */
final class BulkWriteCommand {

	static final String NAME = "bulkWrite";

	private static final String ADMIN = "admin";

	private static final Set<String> COMMAND_FIELDS = Set.of(NAME, "ops", "nsInfo", "ordered", "errorsOnly",
			"writeConcern", "comment", "cursor", "bypassDocumentValidation", "lsid", "maxTimeMS");

	private static final Set<String> INSERT_FIELDS = Set.of("insert", "document");

	private static final Set<String> UPDATE_FIELDS = Set.of("update", "filter", "updateMods", "multi", "upsert");

	private static final Set<String> DELETE_FIELDS = Set.of("delete", "filter", "multi");

	private static final int BAD_VALUE = 2;

	private static final int TYPE_MISMATCH = 14;

	private static final int INVALID_NAMESPACE = 73;

	private static final int NOT_IMPLEMENTED = 238;

	private static final int FAILED_TO_PARSE = 40414;

	private static final int UNKNOWN_FIELD = 40415;

	private static final int UNKNOWN_ERROR = 8;

	private BulkWriteCommand() {
	}

	/** Runs a write command of one database, as the backend would for a client. */
	@FunctionalInterface
	interface InnerCommands {

		Document run(String database, String command, Document query);

	}

	static boolean isBulkWrite(String database, String command) {
		return ADMIN.equals(database) && NAME.equals(command);
	}

	/**
	 * Runs the command.
	 * @param command the command document
	 * @param inner runs an {@code insert}, {@code update} or {@code delete} in the
	 * backend, without any durability wait of its own
	 * @return the reply: a cursor of per-operation results and the totals
	 * @throws MongoServerError if the command is malformed or asks for what this store
	 * cannot do; nothing has run then
	 */
	static Document run(Document command, InnerCommands inner) {
		for (String field : command.keySet()) {
			if (!field.startsWith("$") && !COMMAND_FIELDS.contains(field)) {
				throw unknownField(field);
			}
		}
		boolean ordered = flag(command, "ordered", true);
		boolean errorsOnly = flag(command, "errorsOnly", false);
		// bypassDocumentValidation is accepted as it is: this store validates nothing
		flag(command, "bypassDocumentValidation", false);
		List<Namespace> namespaces = new ArrayList<>();
		for (Document entry : documents(command, "nsInfo")) {
			namespaces.add(Namespace.of(entry));
		}
		List<Op> ops = new ArrayList<>();
		List<Document> entries = documents(command, "ops");
		for (int idx = 0; idx < entries.size(); idx++) {
			ops.add(Op.of(entries.get(idx), idx, namespaces));
		}
		return new Run(ordered, errorsOnly, inner).all(ops);
	}

	private static boolean flag(Document document, String field, boolean absent) {
		Object value = document.get(field);
		if (value == null) {
			return absent;
		}
		if (!(value instanceof Boolean flag)) {
			throw new MongoServerError(TYPE_MISMATCH, "TypeMismatch",
					"BSON field '" + NAME + "." + field + "' is the wrong type, expected a boolean");
		}
		return flag;
	}

	private static List<Document> documents(Document command, String field) {
		if (!(command.get(field) instanceof List<?> list)) {
			throw new MongoServerError(FAILED_TO_PARSE, "IDLFailedToParse",
					"BSON field '" + NAME + "." + field + "' is missing but a required field");
		}
		List<Document> documents = new ArrayList<>(list.size());
		for (Object item : list) {
			if (!(item instanceof Document document)) {
				throw new MongoServerError(TYPE_MISMATCH, "TypeMismatch",
						"BSON field '" + NAME + "." + field + "' must hold documents");
			}
			documents.add(document);
		}
		return documents;
	}

	private static MongoServerError unknownField(String path) {
		return new MongoServerError(UNKNOWN_FIELD, "IDLUnknownField",
				"BSON field '" + NAME + "." + path + "' is an unknown field or one this store does not support");
	}

	private record Namespace(String database, String collection) {

		static Namespace of(Document entry) {
			for (String field : entry.keySet()) {
				if (!"ns".equals(field)) {
					throw unknownField("nsInfo." + field);
				}
			}
			if (!(entry.get("ns") instanceof String ns)) {
				throw new MongoServerError(FAILED_TO_PARSE, "IDLFailedToParse",
						"BSON field '" + NAME + ".nsInfo.ns' is missing or not a string");
			}
			int dot = ns.indexOf('.');
			if (dot <= 0 || dot == ns.length() - 1) {
				throw new MongoServerError(INVALID_NAMESPACE, "InvalidNamespace",
						"Invalid namespace specified '" + ns + "'");
			}
			return new Namespace(ns.substring(0, dot), ns.substring(dot + 1));
		}

	}

	private enum Kind {

		INSERT, UPDATE, DELETE

	}

	/** One checked entry of {@code ops}. */
	private record Op(int idx, Kind kind, Namespace namespace, Document body) {

		static Op of(Document entry, int idx, List<Namespace> namespaces) {
			Kind kind;
			Set<String> allowed;
			if (entry.containsKey("insert")) {
				kind = Kind.INSERT;
				allowed = INSERT_FIELDS;
			}
			else if (entry.containsKey("update")) {
				kind = Kind.UPDATE;
				allowed = UPDATE_FIELDS;
			}
			else if (entry.containsKey("delete")) {
				kind = Kind.DELETE;
				allowed = DELETE_FIELDS;
			}
			else {
				throw new MongoServerError(FAILED_TO_PARSE, "IDLFailedToParse",
						"BulkWrite ops entry " + idx + " is neither an insert, an update nor a delete");
			}
			for (String field : entry.keySet()) {
				if (!allowed.contains(field)) {
					throw (field.equals("arrayFilters") || field.equals("collation") || field.equals("hint")
							|| field.equals("constants") || field.equals("sort"))
									? new MongoServerError(NOT_IMPLEMENTED, "NotImplemented",
											"BulkWrite ops entry " + idx + ": '" + field
													+ "' is not supported by this store")
									: unknownField("ops." + field);
				}
			}
			String key = kind.name().toLowerCase(Locale.ROOT);
			if (!(entry.get(key) instanceof Number index) || index.doubleValue() != index.intValue()) {
				throw new MongoServerError(TYPE_MISMATCH, "TypeMismatch",
						"BulkWrite ops entry " + idx + " names its namespace by a non-integer index");
			}
			if (index.intValue() < 0 || index.intValue() >= namespaces.size()) {
				throw new MongoServerError(BAD_VALUE, "BadValue",
						"BulkWrite ops entry " + idx + " has an invalid nsInfo index.");
			}
			Namespace namespace = namespaces.get(index.intValue());
			switch (kind) {
				case INSERT -> required(entry, "document", idx);
				case UPDATE -> {
					required(entry, "filter", idx);
					if (entry.get("updateMods") instanceof List<?>) {
						throw new MongoServerError(NOT_IMPLEMENTED, "NotImplemented",
								"BulkWrite ops entry " + idx + ": pipeline updates are not supported by this store");
					}
					required(entry, "updateMods", idx);
					flag(entry, "multi", false);
					flag(entry, "upsert", false);
				}
				case DELETE -> {
					required(entry, "filter", idx);
					flag(entry, "multi", false);
				}
			}
			return new Op(idx, kind, namespace, entry);
		}

		private static void required(Document entry, String field, int idx) {
			if (!(entry.get(field) instanceof Document)) {
				throw new MongoServerError(FAILED_TO_PARSE, "IDLFailedToParse",
						"BulkWrite ops entry " + idx + ": '" + field + "' is missing or not a document");
			}
		}

	}

	/** Runs checked operations and keeps their results and totals. */
	private static final class Run {

		private final boolean ordered;

		private final boolean errorsOnly;

		private final InnerCommands inner;

		private final List<Document> results = new ArrayList<>();

		private int errors;

		private int inserted;

		private int matched;

		private int modified;

		private int upserted;

		private int deleted;

		Run(boolean ordered, boolean errorsOnly, InnerCommands inner) {
			this.ordered = ordered;
			this.errorsOnly = errorsOnly;
			this.inner = inner;
		}

		Document all(List<Op> ops) {
			int next = 0;
			while (next < ops.size()) {
				Op first = ops.get(next);
				boolean failed;
				if (first.kind() == Kind.INSERT) {
					int end = next + 1;
					while (end < ops.size() && ops.get(end).kind() == Kind.INSERT
							&& ops.get(end).namespace().equals(first.namespace())) {
						end++;
					}
					failed = inserts(ops.subList(next, end));
					next = end;
				}
				else {
					failed = (first.kind() == Kind.UPDATE) ? update(first) : delete(first);
					next++;
				}
				if (failed && this.ordered) {
					break;
				}
			}
			Document cursor = new Document("id", 0L).append("firstBatch", this.results)
				.append("ns", ADMIN + ".$cmd." + NAME);
			return new Document("cursor", cursor).append("nErrors", this.errors)
				.append("nInserted", this.inserted)
				.append("nMatched", this.matched)
				.append("nModified", this.modified)
				.append("nUpserted", this.upserted)
				.append("nDeleted", this.deleted)
				.append("ok", 1.0);
		}

		/** Consecutive inserts into one namespace, in one inner command. */
		private boolean inserts(List<Op> group) {
			List<Object> documents = new ArrayList<>(group.size());
			group.forEach((op) -> documents.add(op.body().get("document")));
			Namespace namespace = group.get(0).namespace();
			Document reply;
			try {
				reply = this.inner.run(namespace.database(), "insert",
						new Document("insert", namespace.collection()).append("documents", documents)
							.append("ordered", this.ordered));
			}
			catch (MongoServerException ex) {
				// the whole inner command was refused: nothing of it went in
				for (Op op : group) {
					failed(op.idx(), ex);
					if (this.ordered) {
						break;
					}
				}
				return true;
			}
			Document[] errorsByPosition = new Document[group.size()];
			int firstError = group.size();
			for (Object error : writeErrors(reply)) {
				Document writeError = (Document) error;
				int position = number(writeError, "index");
				errorsByPosition[position] = writeError;
				firstError = Math.min(firstError, position);
			}
			// an ordered insert stops at its first error: what follows did not run
			int ran = this.ordered ? Math.min(group.size(), firstError + 1) : group.size();
			for (int position = 0; position < ran; position++) {
				Document error = errorsByPosition[position];
				if (error != null) {
					failed(group.get(position).idx(), error);
				}
				else {
					this.inserted++;
					succeeded(new Document("ok", 1.0).append("idx", group.get(position).idx()).append("n", 1));
				}
			}
			return firstError < group.size();
		}

		private boolean update(Op op) {
			Document body = op.body();
			Document statement = new Document("q", body.get("filter")).append("u", body.get("updateMods"))
				.append("multi", flag(body, "multi", false))
				.append("upsert", flag(body, "upsert", false));
			Document reply;
			try {
				reply = this.inner.run(op.namespace().database(), "update",
						new Document("update", op.namespace().collection()).append("updates", List.of(statement))
							.append("ordered", true));
			}
			catch (MongoServerException ex) {
				failed(op.idx(), ex);
				return true;
			}
			List<?> writeErrors = writeErrors(reply);
			if (!writeErrors.isEmpty()) {
				failed(op.idx(), (Document) writeErrors.get(0));
				return true;
			}
			int n = number(reply, "n");
			int nModified = number(reply, "nModified");
			Document result = new Document("ok", 1.0).append("idx", op.idx())
				.append("n", n)
				.append("nModified", nModified);
			if (reply.get("upserted") instanceof List<?> upserts && !upserts.isEmpty()) {
				result.append("upserted", new Document("_id", ((Document) upserts.get(0)).get("_id")));
				this.upserted++;
				this.matched += n - 1;
			}
			else {
				this.matched += n;
			}
			this.modified += nModified;
			succeeded(result);
			return false;
		}

		private boolean delete(Op op) {
			Document body = op.body();
			Document statement = new Document("q", body.get("filter")).append("limit",
					flag(body, "multi", false) ? 0 : 1);
			Document reply;
			try {
				reply = this.inner.run(op.namespace().database(), "delete",
						new Document("delete", op.namespace().collection()).append("deletes", List.of(statement))
							.append("ordered", true));
			}
			catch (MongoServerException ex) {
				failed(op.idx(), ex);
				return true;
			}
			int n = number(reply, "n");
			this.deleted += n;
			succeeded(new Document("ok", 1.0).append("idx", op.idx()).append("n", n));
			return false;
		}

		private void succeeded(Document result) {
			if (!this.errorsOnly) {
				this.results.add(result);
			}
		}

		private void failed(int idx, Document writeError) {
			Document result = new Document("ok", 0.0).append("idx", idx).append("n", 0);
			writeError.forEach((field, value) -> {
				if (!"index".equals(field)) {
					result.append(field, value);
				}
			});
			this.errors++;
			this.results.add(result);
		}

		private void failed(int idx, MongoServerException ex) {
			Document result = new Document("ok", 0.0).append("idx", idx).append("n", 0);
			if (ex instanceof MongoServerError error) {
				result.append("code", error.getCode());
				if (error.getCodeName() != null) {
					result.append("codeName", error.getCodeName());
				}
			}
			else {
				result.append("code", UNKNOWN_ERROR).append("codeName", "UnknownError");
			}
			result.append("errmsg", ex.getMessageWithoutErrorCode());
			this.errors++;
			this.results.add(result);
		}

		private static List<?> writeErrors(Document reply) {
			return (reply.get("writeErrors") instanceof List<?> errors) ? errors : List.of();
		}

		private static int number(Document reply, String field) {
			return (reply.get(field) instanceof Number number) ? number.intValue() : 0;
		}

	}

}
