/**
 * The stream: scores every post on social_media and publishes one customer_sentiment
 * record per post, exactly once, inside Kafka transactions.
 */
@NullMarked
package tributary.sentiment.stream;

import org.jspecify.annotations.NullMarked;
