/**
 * Trains the sentiment model with liblinear on the SemEval tweets and writes it, with its
 * provenance, into sentiment-engine's resources.
 */
@NullMarked
package tributary.sentiment.training;

import org.jspecify.annotations.NullMarked;
