/**
 * The embedded store's H2 backend with unique indexes that order their keys by value, so
 * that an index lookup compares values instead of Java-serializing both keys, and that
 * acknowledges a write only once it is synced to the file.
 */
@NullMarked
package tributary.local.h2;

import org.jspecify.annotations.NullMarked;
