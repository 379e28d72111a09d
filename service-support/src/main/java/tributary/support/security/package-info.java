/**
 * API-key authentication of the services' {@code /api/**} endpoints.
 */
@NullMarked
package tributary.support.security;

import org.jspecify.annotations.NullMarked;
