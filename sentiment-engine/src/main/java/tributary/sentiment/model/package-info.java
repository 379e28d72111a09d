/**
 * The trained sentiment model: feature extraction shared by training and inference, and a
 * linear model over it that scores text with class probabilities.
 */
@NullMarked
package tributary.sentiment.model;

import org.jspecify.annotations.NullMarked;
