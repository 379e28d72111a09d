package tributary.sentiment.system;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The sentiment-service's settings ({@code tributary.sentiment.*}).
 *
 * @param engine which scorer the stream and the API use: the trained model (the default)
 * or the rules engine
 * @param modelPath a model file to load instead of the one built into sentiment-engine,
 * for {@code engine: model} only
 * @param api limits of the scoring API
 * @param stream the social_media to customer_sentiment stream
 */
@ConfigurationProperties("tributary.sentiment")
public record SentimentProperties(@DefaultValue("model") Engine engine, @Nullable Path modelPath, @DefaultValue Api api,
		@DefaultValue Stream stream) {

	public SentimentProperties {
		if (modelPath != null && engine != Engine.MODEL) {
			// Someone who names a model file expects it to score; saying so beats
			// silently scoring with the rules.
			throw new IllegalArgumentException(
					"tributary.sentiment.model-path is set (" + modelPath + ") but tributary.sentiment.engine is "
							+ engine.key() + "; set the engine to model or remove the path");
		}
	}

	/**
	 * The scorers the service can use, as {@code tributary.sentiment.engine} names them.
	 */
	public enum Engine {

		/**
		 * The trained classifier (sentiment-engine's {@code tributary.sentiment.model}):
		 * three classes with probabilities, trained on annotated tweets.
		 */
		MODEL,
		/**
		 * The lexicon-and-rules engine ({@code SentimentEngine}), VADER-class.
		 */
		RULES;

		/** The name as configuration and the metrics write it. */
		public String key() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	/**
	 * Limits of {@code POST /api/v1/sentiment/score}.
	 *
	 * @param maxBatchSize the most texts one request may carry
	 * @param maxTextLength the longest text, in chars, as the social_media schema allows
	 * @param maxBodySize the largest request body read ({@code 413} above it), as
	 * ingest's {@code tributary.ingest.max-body-size}
	 */
	public record Api(@DefaultValue("1000") int maxBatchSize, @DefaultValue("10000") int maxTextLength,
			@DefaultValue("1MB") DataSize maxBodySize) {

		public Api {
			if (maxBodySize.toBytes() < 1024) {
				throw new IllegalArgumentException(
						"tributary.sentiment.api.max-body-size must be at least 1KB but was " + maxBodySize);
			}
			if (maxBatchSize < 1) {
				throw new IllegalArgumentException(
						"tributary.sentiment.api.max-batch-size must be at least 1 but was " + maxBatchSize);
			}
			if (maxTextLength < 1) {
				throw new IllegalArgumentException(
						"tributary.sentiment.api.max-text-length must be at least 1 but was " + maxTextLength);
			}
		}

	}

	/**
	 * The consume-score-produce stream.
	 *
	 * <p>
	 * {@code group-id} and {@code concurrency} are read by the listener annotation
	 * through placeholders with the same defaults; they are declared here so that they
	 * are validated and documented with the rest.
	 *
	 * @param groupId the consumer group whose committed offsets say which posts are done
	 * @param concurrency consumers (each with its own transactional producer) in this
	 * instance; more than the topic's partitions leaves some idle. One by default: one
	 * consumer scored more posts a second than two on two cores (~30,000), with less CPU
	 * per post, and commits half as many transactions for the same posts
	 * @param transactionIdPrefix start of the transactional ids of this instance's
	 * producers; a random part is appended per process so that two instances never fence
	 * each other
	 * @param transactionTimeout how long the broker keeps a transaction open; after a
	 * crash, read_committed readers of the partitions the dead process was writing wait
	 * this long, plus up to the broker's
	 * {@code transaction.abort.timed.out.transaction.cleanup.interval.ms} (10 s by
	 * default), for its open transaction to be aborted
	 * @param retryInitialInterval first pause before a failed transaction is retried
	 * @param retryMaxInterval longest pause between retries; a failed transaction is
	 * retried until it succeeds, so no post is skipped while the broker is unavailable
	 * @param instanceId this instance's static membership of the group
	 * ({@code group.instance.id}, which the listener container suffixes with each
	 * consumer's number: {@code -0}, {@code -1}...), or blank for none. With one, an
	 * instance that restarts after a crash takes its partitions back as soon as it
	 * rejoins (and its predecessor's transaction is aborted); without, the group waits
	 * for the dead member's session to time out (45 s), and the scores of that backlog
	 * then reach the alerts' windows in a burst, out of event-time order. It must be
	 * unique among the instances and stay the same across restarts: the container's host
	 * name in Docker Compose. Not in Kubernetes, where KEDA scales the instances in, and
	 * a static member that leaves keeps its partitions idle until its session ends
	 */
	public record Stream(@DefaultValue("sentiment") String groupId, @DefaultValue("1") int concurrency,
			@DefaultValue("sentiment-") String transactionIdPrefix, @DefaultValue("15s") Duration transactionTimeout,
			@DefaultValue("500ms") Duration retryInitialInterval, @DefaultValue("30s") Duration retryMaxInterval,
			@Nullable String instanceId) {

		public Stream {
			instanceId = (instanceId == null || instanceId.isBlank()) ? null : instanceId.strip();
			if (groupId.isBlank()) {
				throw new IllegalArgumentException("tributary.sentiment.stream.group-id must not be blank");
			}
			if (concurrency < 1) {
				throw new IllegalArgumentException(
						"tributary.sentiment.stream.concurrency must be at least 1 but was " + concurrency);
			}
			if (transactionTimeout.toMillis() < 1000) {
				throw new IllegalArgumentException(
						"tributary.sentiment.stream.transaction-timeout must be at least 1s but was "
								+ transactionTimeout);
			}
			if (retryInitialInterval.isNegative() || retryMaxInterval.compareTo(retryInitialInterval) < 0) {
				throw new IllegalArgumentException(
						"tributary.sentiment.stream.retry-initial-interval (" + retryInitialInterval
								+ ") must be between 0 and retry-max-interval (" + retryMaxInterval + ")");
			}
		}

	}

}
