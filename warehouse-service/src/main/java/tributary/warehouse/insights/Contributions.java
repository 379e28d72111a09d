package tributary.warehouse.insights;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.BiConsumer;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import tributary.warehouse.events.AlertRaised;
import tributary.warehouse.events.Event;
import tributary.warehouse.events.FeedbackSubmitted;
import tributary.warehouse.events.PostPublished;
import tributary.warehouse.events.PostScored;
import tributary.warehouse.events.ReadingObserved;

/** What one event adds to which aggregate documents. */
public final class Contributions {

	/** The platform name of the all-platforms documents: no real platform is empty. */
	static final String ALL_PLATFORMS = "";

	private Contributions() {
	}

	/**
	 * Computes everything the event adds, so that a record whose values cannot be
	 * aggregated is found before anything is written.
	 * @param event a read and checked event
	 * @return what it adds, for
	 * {@link Aggregates#apply(java.util.List, java.util.function.Function)}
	 * @throws RuntimeException whatever computing its contributions throws
	 */
	public static Computed check(Event event) {
		List<Target> targets = new ArrayList<>(4);
		List<Change> changes = new ArrayList<>(4);
		of(event, (target, change) -> {
			change.check();
			targets.add(target);
			changes.add(change);
		});
		return new Computed(targets, changes);
	}

	/**
	 * What one checked event adds, kept so that folding it in does not compute it again
	 * (computing it twice was a tenth of the intake's CPU). Its changes are only read,
	 * never changed, so it may be folded in again when a batch is retried.
	 */
	public static final class Computed {

		private final List<Target> targets;

		private final List<Change> changes;

		private Computed(List<Target> targets, List<Change> changes) {
			this.targets = targets;
			this.changes = changes;
		}

		void forEach(BiConsumer<Target, Change> sink) {
			for (int i = 0; i < this.targets.size(); i++) {
				sink.accept(this.targets.get(i), this.changes.get(i));
			}
		}

	}

	/**
	 * Hands each aggregate document the event belongs to, with what it adds there.
	 * @param event a counted event
	 * @param sink receives the target documents and their changes
	 */
	static void of(Event event, BiConsumer<Target, Change> sink) {
		if (event instanceof ReadingObserved reading) {
			reading(reading, sink);
		}
		else if (event instanceof PostPublished post) {
			if (post.location() != null) {
				sink.accept(Target.hourly(post.location(), Hour.of(post.createdAt())),
						new Change().count("posts.count"));
			}
			if (post.productId() != null) {
				sink.accept(Target.product(post.productId()), new Change().count("posts.count"));
			}
		}
		else if (event instanceof PostScored scored) {
			Hour hour = Hour.of(scored.createdAt());
			if (scored.location() != null) {
				sink.accept(Target.hourly(scored.location(), hour), sentiment(scored));
			}
			if (scored.productId() != null) {
				sink.accept(Target.product(scored.productId()), sentiment(scored));
			}
			sink.accept(Target.platform(scored.platform(), hour), sentiment(scored));
			sink.accept(Target.platform(ALL_PLATFORMS, hour), sentiment(scored));
		}
		else if (event instanceof FeedbackSubmitted feedback) {
			feedback(feedback, sink);
		}
		else if (event instanceof AlertRaised) {
			// Kept whole, one document per alert id, by tributary.warehouse.alerts: an
			// alert is a fact to list, not a figure to add up.
		}
		else {
			throw new IllegalArgumentException("No aggregate knows " + event.getClass().getName());
		}
	}

	private static void reading(ReadingObserved reading, BiConsumer<Target, Change> sink) {
		Change change = new Change().count("weather.readings")
			.add("weather.temperatureSum", reading.temperatureC())
			.min("weather.temperatureMin", reading.temperatureC())
			.max("weather.temperatureMax", reading.temperatureC());
		if (reading.humidityPct() != null) {
			change.count("weather.humidityReadings").add("weather.humiditySum", reading.humidityPct());
		}
		if (reading.precipitationMm() != null) {
			change.count("weather.precipitationReadings").add("weather.precipitationSum", reading.precipitationMm());
		}
		sink.accept(Target.hourly(reading.location(), Hour.of(reading.observedAt())), change);
	}

	private static void feedback(FeedbackSubmitted feedback, BiConsumer<Target, Change> sink) {
		BigDecimal rating = BigDecimal.valueOf(feedback.rating());
		if (feedback.location() != null) {
			sink.accept(Target.hourly(feedback.location(), Hour.of(feedback.submittedAt())),
					new Change().count("feedback.count").add("feedback.ratingSum", rating));
		}
		if (feedback.productId() != null) {
			sink.accept(Target.product(feedback.productId()),
					new Change().count("feedback.count")
						.count("feedback.ratings." + ratingKey(feedback.rating()))
						.add("feedback.ratingSum", rating));
			sink.accept(Target.productHour(feedback.productId(), Hour.of(feedback.submittedAt())),
					new Change().count("feedback.count").add("feedback.ratingSum", rating));
		}
	}

	static String ratingKey(int rating) {
		// A letter first: a numeric field name would read as an array index in a path.
		return "r" + rating;
	}

	private static Change sentiment(PostScored scored) {
		return new Change().count("sentiment.count")
			.count("sentiment." + scored.label().value())
			.add("sentiment.compoundSum", scored.compound());
	}

	/**
	 * An aggregate document.
	 *
	 * @param aggregate its collection
	 * @param id its {@code _id}
	 * @param identity the fields that say what it is about, set on every write
	 */
	record Target(Aggregate aggregate, String id, Document identity) {

		static Target hourly(String location, Hour hour) {
			return new Target(Aggregate.HOURLY, Aggregate.id(location, hour),
					new Document("location", location).append("hour", Date.from(hour.start())));
		}

		static Target product(String productId) {
			return new Target(Aggregate.PRODUCTS, productId, new Document("productId", productId));
		}

		static Target productHour(String productId, Hour hour) {
			return new Target(Aggregate.PRODUCT_HOURS, Aggregate.id(productId, hour),
					new Document("productId", productId).append("hour", Date.from(hour.start())));
		}

		static Target platform(String platform, Hour hour) {
			return new Target(Aggregate.PLATFORMS, Aggregate.id(platform, hour),
					new Document("platform", platform).append("hour", Date.from(hour.start())));
		}

		@Nullable String location() {
			return (this.aggregate == Aggregate.HOURLY) ? this.identity.getString("location") : null;
		}

		/**
		 * The same document: its identity follows from its id, which is all that is
		 * compared and hashed, since a batch looks every target up a few times per record
		 * and hashing the identity's map each time cost a twentieth of the intake.
		 */
		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof Target target && this.aggregate == target.aggregate && this.id.equals(target.id);
		}

		@Override
		public int hashCode() {
			return 31 * this.aggregate.hashCode() + this.id.hashCode();
		}

	}

}
