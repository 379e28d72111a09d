/**
 * Serves the JSON Schemas of the topics this service writes, from the repository's
 * {@code contracts/} folder.
 */
@NullMarked
package tributary.ingest.contracts;

import org.jspecify.annotations.NullMarked;
