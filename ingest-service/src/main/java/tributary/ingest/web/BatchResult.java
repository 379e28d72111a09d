package tributary.ingest.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ProblemDetail;

/**
 * What became of each item of a batch.
 *
 * @param topic where the accepted items were written
 * @param accepted how many the broker acknowledged
 * @param rejected how many were not published because they were invalid or the broker
 * refused them (too large): retrying them unchanged cannot help
 * @param failed how many were valid but not acknowledged in time: retry them with the
 * same ids
 * @param items one result per item, in the order sent
 */
record BatchResult(String topic, int accepted, int rejected, int failed, List<ItemResult> items) {

	/**
	 * What became of one item: published (with {@code partition} and {@code offset}) or
	 * not (with a {@code problem}).
	 *
	 * @param index the item's position in the array or among the NDJSON lines, from 0
	 * @param line for NDJSON, the item's line in the body, from 1
	 * @param id the event's id, when it could be read
	 * @param partition where it was written
	 * @param offset its offset there
	 * @param problem why it was not published: status 400 if invalid, 413 if too large
	 * for the broker, 422 if the broker refused it otherwise, 503 if the broker did not
	 * acknowledge it
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ItemResult(int index, @Nullable Integer line, @Nullable String id, @Nullable Integer partition,
			@Nullable Long offset, @Nullable ProblemDetail problem) {

		static ItemResult published(int index, @Nullable Integer line, String id, int partition, long offset) {
			return new ItemResult(index, line, id, partition, offset, null);
		}

		static ItemResult refused(int index, @Nullable Integer line, @Nullable String id, ProblemDetail problem) {
			return new ItemResult(index, line, id, null, null, problem);
		}

	}

}
