package tributary.local.h2;

import java.util.List;

import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unique indexes refuse a duplicate key whether it comes with an insert, an upsert or the
 * building of an index over stored documents, and keep nothing of a refused document.
 */
class UniqueIndexTests {

	private final EmbeddedChannel connection = new EmbeddedChannel();

	@Test
	void refusesDuplicateKeysAndKeepsNothingOfARefusedDocument() {
		ValueOrderedH2Backend backend = ValueOrderedH2Backend.inMemory();
		try {
			command(backend, "createIndexes", new Document("createIndexes", "c").append("indexes",
					List.of(new Document("key", new Document("k", 1)).append("name", "k_1").append("unique", true))));
			command(backend, "insert", new Document("insert", "c").append("documents",
					List.of(new Document("_id", "a").append("k", 1), new Document("_id", "b").append("k", 2))));

			Document sameId = command(backend, "insert",
					new Document("insert", "c").append("documents", List.of(new Document("_id", "a").append("k", 3)))
						.append("ordered", false));
			Document sameK = command(backend, "insert",
					new Document("insert", "c")
						.append("documents",
								List.of(new Document("_id", "c").append("k", 2),
										new Document("_id", "d").append("k", 4)))
						.append("ordered", false));
			assertThat(errorCodes(sameId)).containsExactly(11000);
			assertThat(errorCodes(sameK)).containsExactly(11000);

			// a document refused by its second index is added later, checked again
			command(backend, "insert",
					new Document("insert", "c").append("documents", List.of(new Document("_id", "c").append("k", 5))));
			Document again = command(backend, "insert",
					new Document("insert", "c").append("documents", List.of(new Document("_id", "c").append("k", 6))));
			assertThat(errorCodes(again)).containsExactly(11000);

			command(backend, "insert",
					new Document("insert", "c").append("documents",
							List.of(new Document("_id", "e").append("k", 7).append("v", 1),
									new Document("_id", "f").append("k", 8).append("v", 1))));
			Document building = command(backend, "createIndexes",
					new Document("createIndexes", "c").append("indexes",
							List.of(new Document("key", new Document("v", 1)).append("name", "v_1")
								.append("unique", true)
								.append("sparse", true))));
			assertThat(building.get("ok")).isNotEqualTo(1.0);

			Document all = command(backend, "count", new Document("count", "c"));
			assertThat(((Number) all.get("n")).intValue()).isEqualTo(6);
			Document byK = command(backend, "count", new Document("count", "c").append("query", new Document("k", 6)));
			assertThat(((Number) byK.get("n")).intValue()).isZero();
		}
		finally {
			backend.close();
		}
	}

	private Document command(ValueOrderedH2Backend backend, String name, Document command) {
		try {
			return backend.handleCommand(this.connection, "db", name, command);
		}
		catch (RuntimeException ex) {
			return new Document("ok", 0.0).append("error", ex.getMessage());
		}
	}

	private static List<Object> errorCodes(Document reply) {
		@SuppressWarnings("unchecked")
		List<Document> errors = (List<Document>) reply.getOrDefault("writeErrors", List.of());
		return errors.stream().map((error) -> error.get("code")).toList();
	}

}
