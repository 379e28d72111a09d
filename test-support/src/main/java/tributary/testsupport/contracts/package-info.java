/**
 * Test access to the JSON Schemas and examples in {@code contracts/}, for every service
 * that produces or consumes a topic.
 */
@NullMarked
package tributary.testsupport.contracts;

import org.jspecify.annotations.NullMarked;
