/**
 * The sentiment engine: scores short social text with a valence lexicon and rules.
 */
@NullMarked
package tributary.sentiment.engine;

import org.jspecify.annotations.NullMarked;
