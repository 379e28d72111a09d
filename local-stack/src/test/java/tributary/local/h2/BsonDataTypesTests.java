package tributary.local.h2;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class BsonDataTypesTests {

	private final DocumentDataType type = new DocumentDataType();

	@Test
	void readsBackEveryBsonTypeTheStoreHoldsWithItsJavaType() {
		Document document = new Document("_id", "e-1").append("int", 7)
			.append("long", 1L << 40)
			.append("double", -0.5)
			.append("decimal", new Decimal128(new BigDecimal("12.340")))
			.append("text", "Grüße, 東京 🎧")
			.append("yes", true)
			.append("nothing", null)
			.append("at", Instant.ofEpochMilli(1_763_000_000_123L))
			.append("objectId", new ObjectId())
			.append("uuid", UUID.randomUUID())
			.append("legacyUuid", new LegacyUUID(UUID.randomUUID()))
			.append("bytes", new BinData(new byte[] { 1, 2, 3 }))
			.append("timestamp", new BsonTimestamp(42L << 32 | 3))
			.append("max", MaxKey.getInstance())
			.append("min", MinKey.getInstance())
			.append("nested", new Document("applied", List.of(new Document("t", "social_media").append("p", 3))))
			.append("list", List.of(1, "two", List.of(3.0)));

		Document read = roundTrip(document);

		assertThat(read).isEqualTo(document);
		assertThat(new ArrayList<>(read.keySet())).containsExactlyElementsOf(document.keySet());
		assertThat(read.get("long")).isInstanceOf(Long.class);
		assertThat(read.get("decimal")).isEqualTo(new Decimal128(new BigDecimal("12.340")));
	}

	@Test
	void writesADocumentBsonCannotHoldJavaSerializedInsteadOfRefusingIt() {
		Document document = new Document("_id", 1).append("legacy", new Date(0));

		assertThat(roundTrip(document)).isEqualTo(document);
	}

	@Test
	void readsDocumentsOneAfterAnotherFromOnePage() {
		WriteBuffer buffer = new WriteBuffer();
		List<Document> documents = List.of(new Document("_id", "a"), new Document("_id", 2).append("x", new Date(5)),
				new Document("_id", "c").append("y", List.of()));
		documents.forEach((document) -> this.type.write(buffer, document));
		ByteBuffer page = buffer.getBuffer().flip();

		assertThat(List.of(this.type.read(page), this.type.read(page), this.type.read(page)))
			.containsExactlyElementsOf(documents);
		assertThat(page.hasRemaining()).isFalse();
	}

	@Test
	void refusesAValueWrittenByAnUnknownFormatByName() {
		ByteBuffer unknown = ByteBuffer.wrap(new byte[] { 19, 0, 0, 0 });

		assertThatIllegalStateException().isThrownBy(() -> this.type.read(unknown)).withMessageContaining("tag 19");
	}

	@Test
	void estimatesSizeFromContentRatherThanH2sTenKilobyteDefault() {
		Document small = new Document("_id", "a").append("n", 1);
		Document large = new Document("_id", "b").append("text", "x".repeat(5_000));

		assertThat(this.type.getMemory(small)).isBetween(100, 500);
		assertThat(this.type.getMemory(large)).isGreaterThan(5_000);
	}

	@Test
	void writesIndexKeysAsBsonAndReadsThemBackEqual() {
		KeyValueDataType keys = new KeyValueDataType();
		List<KeyValue> written = List.of(new KeyValue("e-1"), new KeyValue("berlin", Instant.ofEpochSecond(3600), 7L),
				new KeyValue(new Document("a", 1)), new KeyValue((Object) null), new KeyValue(new Date(0)));
		WriteBuffer buffer = new WriteBuffer();
		written.forEach((key) -> keys.write(buffer, key));
		ByteBuffer page = buffer.getBuffer().flip();

		for (KeyValue key : written) {
			KeyValue read = keys.read(page);
			assertThat(read).isEqualTo(key);
			assertThat(keys.compare(read, key)).isZero();
		}
	}

	@Test
	void encodesAnUnchangedDocumentOnceAndAChangedOneAgain() {
		EncodedDocuments cache = new EncodedDocuments();
		List<Document> encoded = new ArrayList<>();
		java.util.function.Function<Document, byte[]> encoder = (document) -> {
			encoded.add(document);
			return TaggedBson.encode(document);
		};
		Document document = new Document("_id", "a").append("n", 1);

		byte[] first = cache.encode(document, encoder);
		byte[] second = cache.encode(document, encoder);
		document.put("n", 2);
		cache.forget(document);
		byte[] third = cache.encode(document, encoder);

		assertThat(encoded).hasSize(2);
		assertThat(second).isSameAs(first);
		assertThat(third).isNotEqualTo(first);
		assertThat(cache.encode(new Document("_id", "a").append("n", 2), encoder)).isEqualTo(third);
	}

	@Test
	void remembersTheEncodingADocumentWasReadFrom() {
		EncodedDocuments cache = new EncodedDocuments();
		WriteBuffer buffer = new WriteBuffer();
		this.type.write(buffer, new Document("_id", "a").append("n", 1));
		Document read = (Document) new TaggedBson().read(buffer.getBuffer().flip(), cache);

		assertThat(cache.encode(read, (document) -> {
			throw new AssertionError("encoded again");
		})).isEqualTo(TaggedBson.encode(read));
	}

	@Test
	void writesADocumentChangedInPlaceAsItIsNow() {
		Document document = new Document("_id", "a").append("n", 1);
		WriteBuffer before = new WriteBuffer();
		this.type.write(before, document);

		document.put("n", 2);
		this.type.changed(document);

		assertThat(roundTrip(document)).containsEntry("n", 2);
	}

	@Test
	void writesIdsOfEveryTypeAndKeepsTheLibrarysOrder() {
		IdDataType ids = new IdDataType();
		List<Object> written = List.of("e-1", "Grüße 東京", 12, 12.5, new ObjectId(), UUID.randomUUID(), "");
		WriteBuffer buffer = new WriteBuffer();
		written.forEach((id) -> ids.write(buffer, id));
		ByteBuffer page = buffer.getBuffer().flip();

		for (Object id : written) {
			assertThat(ids.read(page)).isEqualTo(id);
		}
		org.h2.mvstore.type.ObjectDataType library = new org.h2.mvstore.type.ObjectDataType();
		for (Object a : written) {
			for (Object b : written) {
				assertThat(Integer.signum(ids.compare(a, b))).isEqualTo(Integer.signum(library.compare(a, b)));
			}
		}
	}

	private Document roundTrip(Document document) {
		WriteBuffer buffer = new WriteBuffer();
		this.type.write(buffer, document);
		return this.type.read(buffer.getBuffer().flip());
	}

}
