/**
 * A service's own configuration file bound as Spring Boot binds it at start, so that a
 * test can pin what the file sets, and which environment variables change it, without
 * starting the service.
 */
@NullMarked
package tributary.testsupport.settings;

import org.jspecify.annotations.NullMarked;
