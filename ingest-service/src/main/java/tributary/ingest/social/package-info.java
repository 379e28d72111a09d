/**
 * Social media posts: their fields and the endpoint that publishes them to
 * {@code social_media}.
 */
@NullMarked
package tributary.ingest.social;

import org.jspecify.annotations.NullMarked;
