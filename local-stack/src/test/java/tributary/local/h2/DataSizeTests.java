package tributary.local.h2;

import java.math.BigDecimal;
import java.util.List;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.MongoBackend;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backend counts a collection's data size from the encodings it keeps for the file;
 * the counts are the library's own, after inserts, updates and deletes alike.
 */
class DataSizeTests {

	@Test
	void countsTheSameDataSizeAsTheLibrary() {
		ValueOrderedH2Backend ours = ValueOrderedH2Backend.inMemory();
		H2Backend library = H2Backend.inMemory();
		try {
			EmbeddedChannel connection = new EmbeddedChannel();
			for (MongoBackend backend : List.of(ours, library)) {
				for (int i = 0; i < 50; i++) {
					backend.handleCommand(connection, "db", "insert",
							new Document("insert", "c").append("documents",
									List.of(new Document("_id", "e-" + i).append("n", i)
										.append("text", "x".repeat(i))
										.append("sum", new Decimal128(new BigDecimal("1.5").scaleByPowerOfTen(-i % 7)))
										.append("nested", new Document("a", List.of(1, 2L, 3.0))))));
				}
				backend.handleCommand(connection, "db", "update",
						new Document("update",
								"c")
							.append("updates", List.of(
									new Document("q", new Document("_id", "e-3"))
										.append("u",
												new Document("$set", new Document("text", "longer and longer"))
													.append("$unset", new Document("nested", "")))
										.append("upsert", false),
									new Document("q", new Document("_id", "new"))
										.append("u", new Document("$set", new Document("n", 70)))
										.append("upsert", true))));
				backend.handleCommand(connection, "db", "delete", new Document("delete", "c").append("deletes",
						List.of(new Document("q", new Document("n", new Document("$lt", 10))).append("limit", 0))));
			}
			Document ourStats = ours.handleCommand(connection, "db", "collStats", new Document("collStats", "c"));
			Document libraryStats = library.handleCommand(connection, "db", "collStats",
					new Document("collStats", "c"));
			assertThat(ourStats.get("count")).isEqualTo(41);
			assertThat(ourStats.get("size")).isEqualTo(libraryStats.get("size"));
			assertThat(((Number) ourStats.get("size")).longValue()).isPositive();
		}
		finally {
			ours.close();
			library.close();
		}
	}

}
