package tributary.warehouse.insights;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import tributary.warehouse.insights.Summaries.HourlyInsights;
import tributary.warehouse.insights.Summaries.KnownLocation;
import tributary.warehouse.insights.Summaries.LocationHour;
import tributary.warehouse.insights.Summaries.Page;
import tributary.warehouse.insights.Summaries.ProductHour;
import tributary.warehouse.insights.Summaries.ProductHours;
import tributary.warehouse.insights.Summaries.ProductInsights;
import tributary.warehouse.insights.Summaries.Sentiment;
import tributary.warehouse.insights.Summaries.SentimentHour;
import tributary.warehouse.insights.Summaries.SentimentInsights;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * Answers questions from the aggregates. Ranges are fetched as the list of their hours'
 * ids ({@code $in} on {@code _id}), which every store answers from its {@code _id} index.
 */
@Service
class Insights {

	private final MongoTemplate mongo;

	Insights(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	HourlyInsights hourly(String location, Instant from, Instant to) {
		List<LocationHour> hours = byHour(Aggregate.HOURLY, location, from, to).stream().map(LocationHour::of).toList();
		return new HourlyInsights(location, from, to, hours);
	}

	SentimentInsights sentiment(@Nullable String platform, Instant from, Instant to) {
		List<Document> documents = byHour(Aggregate.PLATFORMS,
				(platform != null) ? platform : Contributions.ALL_PLATFORMS, from, to);
		List<SentimentHour> hours = new ArrayList<>();
		List<Document> sentiments = new ArrayList<>();
		for (Document document : documents) {
			Document sentiment = document.get("sentiment", Document.class);
			hours.add(new SentimentHour(document.getDate("hour").toInstant(), Sentiment.of(sentiment)));
			if (sentiment != null) {
				sentiments.add(sentiment);
			}
		}
		return new SentimentInsights(platform, from, to, Sentiment.total(sentiments), hours);
	}

	Optional<ProductInsights> product(String productId) {
		Document document = collection(Aggregate.PRODUCTS).find(Filters.eq("_id", productId)).first();
		return Optional.ofNullable(document).map(ProductInsights::of);
	}

	ProductHours productHours(String productId, Instant from, Instant to) {
		List<ProductHour> hours = byHour(Aggregate.PRODUCT_HOURS, productId, from, to).stream()
			.map(ProductHour::of)
			.toList();
		return new ProductHours(productId, from, to, hours);
	}

	Page<KnownLocation> locations(int page, int size) {
		return page(this.mongo.getCollection(Aggregates.LOCATIONS), page, size, KnownLocation::of);
	}

	Page<String> platforms(int page, int size) {
		List<String> platforms = collection(Aggregate.PLATFORMS).distinct("platform", String.class)
			.into(new ArrayList<>())
			.stream()
			.filter((platform) -> !Contributions.ALL_PLATFORMS.equals(platform))
			.sorted()
			.toList();
		long total = platforms.size();
		List<String> items = platforms.stream().skip((long) page * size).limit(size).toList();
		return new Page<>(items, page, size, total, (total + size - 1) / size);
	}

	Page<ProductInsights> products(int page, int size) {
		return page(collection(Aggregate.PRODUCTS), page, size, ProductInsights::of);
	}

	private List<Document> byHour(Aggregate aggregate, String name, Instant from, Instant to) {
		List<String> ids = Hour.between(from, to).stream().map((hour) -> Aggregate.id(name, hour)).toList();
		List<Document> documents = collection(aggregate).find(Filters.in("_id", ids)).into(new ArrayList<>());
		documents.sort(Comparator.comparing((document) -> document.getDate("hour")));
		return documents;
	}

	private static <T> Page<T> page(MongoCollection<Document> collection, int page, int size,
			Function<Document, T> item) {
		long total = collection.countDocuments();
		List<T> items = collection.find()
			.sort(Sorts.ascending("_id"))
			.skip(Math.toIntExact(Math.min((long) page * size, Integer.MAX_VALUE)))
			.limit(size)
			.map(item::apply)
			.into(new ArrayList<>());
		return new Page<>(items, page, size, total, (total + size - 1) / size);
	}

	private MongoCollection<Document> collection(Aggregate aggregate) {
		return this.mongo.getCollection(aggregate.collection());
	}

}
