/**
 * Weather readings: their fields and the endpoint that publishes them to
 * {@code weather_data}.
 */
@NullMarked
package tributary.ingest.weather;

import org.jspecify.annotations.NullMarked;
