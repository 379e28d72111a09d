/**
 * What the repository's benchmarks share: the statistics their figures are quoted in.
 */
@NullMarked
package tributary.testsupport.bench;

import org.jspecify.annotations.NullMarked;
