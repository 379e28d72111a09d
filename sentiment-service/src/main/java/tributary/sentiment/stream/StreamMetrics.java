package tributary.sentiment.stream;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tributary.sentiment.engine.SentimentLabel;

/**
 * The stream's own meters. They are looked up once: at tens of thousands of posts per
 * second a registry lookup per post would cost more than the scoring's bookkeeping
 * should.
 *
 * <p>
 * They count work done, so a post scored again after a rolled-back transaction is counted
 * again; the exactly-once guarantee is about the topic, not these counters.
 */
class StreamMetrics {

	/** Why a record went to the dead-letter topic. */
	enum DeadLetterReason {

		/** Not JSON, or JSON that is not a valid post (e.g. without text). */
		UNREADABLE,
		/** A record without a value. */
		EMPTY,
		/** The engine failed on it. */
		SCORING_FAILED,
		/** Its scored record could not be written (serialized). */
		UNWRITABLE;

		String tag() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

	private final Map<SentimentLabel, Counter> scored = new EnumMap<>(SentimentLabel.class);

	private final Map<DeadLetterReason, Counter> deadLettered = new EnumMap<>(DeadLetterReason.class);

	private final Timer scoring;

	StreamMetrics(MeterRegistry registry) {
		for (SentimentLabel label : SentimentLabel.values()) {
			this.scored.put(label,
					Counter.builder("tributary.sentiment.scored")
						.description("Posts scored by the stream, by label")
						.tag("label", PostScorer.labelName(label))
						.register(registry));
		}
		for (DeadLetterReason reason : DeadLetterReason.values()) {
			this.deadLettered.put(reason,
					Counter.builder("tributary.sentiment.dead.lettered")
						.description("Records of social_media sent to its dead-letter topic, by reason")
						.tag("reason", reason.tag())
						.register(registry));
		}
		this.scoring = Timer.builder("tributary.sentiment.scoring")
			.description("Time the engine takes to score one post")
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofNanos(500))
			.maximumExpectedValue(Duration.ofMillis(50))
			.register(registry);
	}

	// The constructor registered a counter for every label and every reason.
	void scored(SentimentLabel label, long nanos) {
		Objects.requireNonNull(this.scored.get(label)).increment();
		this.scoring.record(nanos, TimeUnit.NANOSECONDS);
	}

	void deadLettered(DeadLetterReason reason) {
		Objects.requireNonNull(this.deadLettered.get(reason)).increment();
	}

}
