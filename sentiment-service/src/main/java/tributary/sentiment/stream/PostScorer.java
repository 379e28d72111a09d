package tributary.sentiment.stream;

import java.time.Clock;

import tributary.sentiment.engine.SentimentLabel;
import tributary.sentiment.engine.SentimentScore;
import tributary.sentiment.engine.SentimentScorer;

/** Turns a post into its customer_sentiment record, timing and counting the scoring. */
class PostScorer {

	private final SentimentScorer scorer;

	private final StreamMetrics metrics;

	private final Clock clock;

	PostScorer(SentimentScorer scorer, StreamMetrics metrics, Clock clock) {
		this.scorer = scorer;
		this.metrics = metrics;
		this.clock = clock;
	}

	PostScored score(Post post) {
		long start = System.nanoTime();
		SentimentScore score = this.scorer.score(post.text());
		long nanos = System.nanoTime() - start;
		SentimentLabel label = score.label();
		this.metrics.scored(label, nanos);
		return new PostScored(post.id(), post.id(), post.author(), post.platform(), post.location(), post.productId(),
				post.createdAt(), post.ingestedAt(), this.clock.instant(), score.compound(), score.positive(),
				score.neutral(), score.negative(), labelName(label), this.scorer.version());
	}

	/** The label as it is written on the topic. */
	static String labelName(SentimentLabel label) {
		return switch (label) {
			case POSITIVE -> "positive";
			case NEUTRAL -> "neutral";
			case NEGATIVE -> "negative";
		};
	}

}
