/**
 * Scores the sentiment of every social media post and publishes it to customer_sentiment.
 */
@NullMarked
package tributary.sentiment;

import org.jspecify.annotations.NullMarked;
