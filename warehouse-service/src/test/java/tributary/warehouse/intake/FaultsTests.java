package tributary.warehouse.intake;

import java.util.List;
import java.util.concurrent.ExecutionException;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteConcernResult;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.bulk.WriteConcernError;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.bson.BsonDocument;
import org.bson.BsonSerializationException;
import org.junit.jupiter.api.Test;
import tributary.warehouse.insights.ConcurrentAggregateUpdates;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.KafkaException;

import static org.assertj.core.api.Assertions.assertThat;

/** What is retried and what is dead-lettered. */
class FaultsTests {

	private static final ServerAddress STORE = new ServerAddress("localhost", 27017);

	@Test
	void theStoreUnreachableSlowOrElectingIsTransient() {
		assertThat(Faults.isTransient(new MongoSocketOpenException("refused", STORE))).isTrue();
		assertThat(Faults.isTransient(new MongoSocketReadTimeoutException("slow", STORE, new Exception()))).isTrue();
		assertThat(Faults.isTransient(new MongoTimeoutException("no server"))).isTrue();
		assertThat(Faults.isTransient(new MongoNotPrimaryException(new BsonDocument(), STORE))).isTrue();
		assertThat(Faults.isTransient(command(189))).as("primary stepped down").isTrue();
		assertThat(Faults.isTransient(command(112))).as("write conflict").isTrue();
		assertThat(Faults.isTransient(
				new DataAccessResourceFailureException("down", new MongoSocketOpenException("refused", STORE))))
			.isTrue();
	}

	@Test
	void writeConcernFailuresAndRacesForAggregatesAreTransient() {
		assertThat(Faults.isTransient(new MongoWriteConcernException(new WriteConcernError(64, "WriteConcernFailed",
				"waiting for replication timed out", new BsonDocument()), WriteConcernResult.unacknowledged(), STORE)))
			.isTrue();
		assertThat(Faults.isTransient(bulk(List.of(), new WriteConcernError(64, "", "timeout", new BsonDocument()))))
			.isTrue();
		assertThat(Faults.isTransient(new ConcurrentAggregateUpdates("hourly_insights", 3, 101))).isTrue();
	}

	@Test
	void theBrokerFailingIsTransientEvenForADeadLetterThatCannotBeSent() {
		assertThat(Faults.isTransient(new KafkaException("Could not dead-letter 1 records",
				new ExecutionException(new RecordTooLargeException("too large")))))
			.isTrue();
	}

	@Test
	void whatTheStoreRefusesForItsContentIsNotTransient() {
		assertThat(Faults.isTransient(command(2))).as("bad value").isFalse();
		assertThat(
				Faults.isTransient(bulk(List.of(new BulkWriteError(17419, "too large", new BsonDocument(), 0)), null)))
			.isFalse();
		assertThat(Faults.isTransient(new BsonSerializationException("BSON cstring 'a\0' is not valid"))).isFalse();
		assertThat(Faults.isTransient(new IllegalArgumentException("Invalid BSON field name $set"))).isFalse();
	}

	@Test
	void exceptionsOfOurOwnCodeOnARecordsValuesAreNotTransient() {
		assertThat(Faults.isTransient(new ArithmeticException("long overflow"))).isFalse();
		assertThat(Faults.isTransient(new java.time.DateTimeException("Instant exceeds minimum or maximum"))).isFalse();
		assertThat(Faults.isTransient(new NumberFormatException("Exponent is out of range"))).isFalse();
		assertThat(Faults.isTransient(new IllegalStateException("wrapped", new ArithmeticException()))).isFalse();
	}

	@Test
	void theFirstCauseThatSaysDecides() {
		assertThat(Faults
			.isTransient(new IllegalStateException("wrapped", new MongoSocketOpenException("refused", STORE))))
			.isTrue();
		assertThat(Faults.isTransient(
				new com.mongodb.MongoClientException("encoding failed", new BsonSerializationException("too deep"))))
			.isFalse();
		assertThat(Faults.isTransient(new com.mongodb.MongoInternalException("unexpected"))).as("store, unknown")
			.isTrue();
	}

	private static MongoCommandException command(int code) {
		return new MongoCommandException(BsonDocument.parse("{ok: 0, code: " + code + ", errmsg: 'x'}"), STORE);
	}

	private static MongoBulkWriteException bulk(List<BulkWriteError> errors, WriteConcernError concern) {
		return new MongoBulkWriteException(BulkWriteResult.unacknowledged(), errors, concern, STORE,
				java.util.Set.of());
	}

}
