/**
 * Kafka and MongoDB for integration tests: Testcontainers where Docker runs, otherwise
 * the project's own broker (a separate JVM) and the embedded store, one of each per test
 * JVM.
 */
@NullMarked
package tributary.testsupport;

import org.jspecify.annotations.NullMarked;
