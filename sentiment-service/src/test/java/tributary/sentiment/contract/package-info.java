/**
 * Test access to the JSON Schemas and examples in {@code contracts/}.
 */
@NullMarked
package tributary.sentiment.contract;

import org.jspecify.annotations.NullMarked;
