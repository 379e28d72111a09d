package tributary.warehouse.alerts;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;
import org.jspecify.annotations.Nullable;
import tributary.warehouse.events.AlertKind;
import tributary.warehouse.events.AlertRaised;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code alerts} collection: one document per alert id, written once and never
 * changed (see the {@linkplain tributary.warehouse.alerts package description}).
 *
 * <p>
 * Instants are kept as fixed-width UTC text with nine fraction digits: exact to the
 * nanosecond as the contract allows, and in chronological order when compared as strings,
 * for years 0000 to 9999. Listing filters on fields other than {@code _id}; the embedded
 * store scans the collection for it, which holds few documents (one per alert, not per
 * event).
 */
@Repository
public class Alerts {

	static final String COLLECTION = "alerts";

	private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
		.withZone(ZoneOffset.UTC);

	/** The instants the contract's four-digit years name in UTC. */
	private static final Instant FIRST = Instant.parse("0000-01-01T00:00:00Z");

	private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");

	private static final int DUPLICATE_KEY = 11000;

	private final MongoTemplate mongo;

	private final Timer writes;

	public Alerts(MongoTemplate mongo, MeterRegistry meters) {
		this.mongo = mongo;
		this.writes = Timer.builder("tributary.warehouse.bulk.write")
			.description("One write command to the store, each waiting for a durable write there")
			.tag("target", "alert")
			.publishPercentileHistogram()
			.register(meters);
	}

	/**
	 * Keeps alerts that are not kept yet. Safe to call again with any of the same alerts:
	 * an alert's document is only ever inserted.
	 * @param alerts alerts whose records count (own their id in the raw store)
	 * @throws com.mongodb.MongoException if the store cannot be reached or could not
	 * confirm the write concern; calling again with the same alerts completes the work
	 */
	public void record(List<AlertRaised> alerts) {
		if (alerts.isEmpty()) {
			return;
		}
		List<UpdateOneModel<Document>> inserts = new ArrayList<>(alerts.size());
		for (AlertRaised alert : alerts) {
			inserts.add(new UpdateOneModel<>(Filters.eq("_id", alert.id()), insertOnly(alert),
					new UpdateOptions().upsert(true)));
		}
		MongoCollection<Document> collection = this.mongo.getCollection(COLLECTION);
		Timer.Sample sample = Timer.start();
		try {
			collection.bulkWrite(inserts, new BulkWriteOptions().ordered(false));
		}
		catch (MongoBulkWriteException ex) {
			// Two consumers inserting the same id at once: one insert won, and the other
			// had nothing to add. Anything else is the store's to report.
			if (ex.getWriteConcernError() != null
					|| !ex.getWriteErrors().stream().allMatch((error) -> error.getCode() == DUPLICATE_KEY)) {
				throw ex;
			}
		}
		finally {
			sample.stop(this.writes);
		}
	}

	private static Bson insertOnly(AlertRaised alert) {
		return Updates.combine(Updates.setOnInsert("kind", alert.kind().value()),
				Updates.setOnInsert("location", alert.location()), Updates.setOnInsert("from", sortable(alert.from())),
				Updates.setOnInsert("to", sortable(alert.to())),
				Updates.setOnInsert("value", new Decimal128(alert.value())),
				Updates.setOnInsert("threshold", new Decimal128(alert.threshold())),
				Updates.setOnInsert("count", alert.count()), Updates.setOnInsert("sourceId", alert.sourceId()),
				Updates.setOnInsert("raisedAt", sortable(alert.raisedAt())));
	}

	/**
	 * The alerts that match, newest {@code from} first, ties by id.
	 * @param query what to list
	 * @return at most {@code query.limit()} alerts
	 */
	public List<Alert> find(AlertQuery query) {
		Instant from = query.from();
		Instant to = query.to();
		if ((from != null && from.isAfter(LAST)) || (to != null && !to.isAfter(FIRST))) {
			// Outside the years an alert's instants can name: nothing starts there.
			return List.of();
		}
		List<Bson> filters = new ArrayList<>();
		if (query.location() != null) {
			filters.add(Filters.eq("location", query.location()));
		}
		if (query.kind() != null) {
			filters.add(Filters.eq("kind", query.kind().value()));
		}
		if (from != null && from.isAfter(FIRST)) {
			filters.add(Filters.gte("from", sortable(from)));
		}
		if (to != null && !to.isAfter(LAST)) {
			filters.add(Filters.lt("from", sortable(to)));
		}
		return this.mongo.getCollection(COLLECTION)
			.find(filters.isEmpty() ? new Document() : Filters.and(filters))
			.sort(Sorts.orderBy(Sorts.descending("from"), Sorts.ascending("_id")))
			.limit(query.limit())
			.map(Alerts::alert)
			.into(new ArrayList<>());
	}

	static String sortable(Instant instant) {
		return SORTABLE.format(instant);
	}

	private static Alert alert(Document document) {
		return new Alert(document.getString("_id"), document.getString("kind"), document.getString("location"),
				Instant.parse(document.getString("from")), Instant.parse(document.getString("to")),
				decimal(document, "value"), decimal(document, "threshold"), count(document),
				document.getString("sourceId"), Instant.parse(document.getString("raisedAt")));
	}

	private static long count(Document document) {
		if (document.get("count") instanceof Number count) {
			return count.longValue();
		}
		throw new IllegalStateException("Alert " + document.get("_id") + " has no count");
	}

	private static BigDecimal decimal(Document document, String field) {
		return document.get(field, Decimal128.class).bigDecimalValue();
	}

	/**
	 * What to list; every part but the limit is optional.
	 *
	 * @param location only alerts about this location
	 * @param kind only alerts of this kind
	 * @param from only alerts whose period starts at or after this instant
	 * @param to only alerts whose period starts before this instant
	 * @param limit at most this many alerts
	 */
	public record AlertQuery(@Nullable String location, @Nullable AlertKind kind, @Nullable Instant from,
			@Nullable Instant to, int limit) {

		public AlertQuery {
			if (limit < 1) {
				throw new IllegalArgumentException("limit must be at least 1 but was " + limit);
			}
		}

	}

	/**
	 * One alert, as the API shows it.
	 *
	 * @param id its deterministic id
	 * @param kind {@code high-temperature}, {@code heat-wave} or {@code sentiment-drop}
	 * @param location the location it is about
	 * @param from the start of the period it covers
	 * @param to the end of that period
	 * @param value what crossed the threshold
	 * @param threshold the threshold in force
	 * @param count how many records the value was computed from
	 * @param sourceId the reading that raised a high-temperature alert, else null
	 * @param raisedAt when alerts-service raised it
	 */
	public record Alert(String id, String kind, String location, Instant from, Instant to, BigDecimal value,
			BigDecimal threshold, long count, @Nullable String sourceId, Instant raisedAt) {
	}

}
