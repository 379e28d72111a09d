/**
 * API-key authentication of the services' {@code /api/**} endpoints, with an optional
 * rate limit per key.
 */
@NullMarked
package tributary.support.security;

import org.jspecify.annotations.NullMarked;
