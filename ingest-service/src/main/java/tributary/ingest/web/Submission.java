package tributary.ingest.web;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** What a client sent to an ingest endpoint, read but not yet validated. */
sealed interface Submission {

	/**
	 * One JSON object.
	 *
	 * @param event the object
	 */
	record Single(JsonNode event) implements Submission {
	}

	/**
	 * A JSON array or NDJSON lines.
	 *
	 * @param items each item, in order
	 */
	record Batch(List<Item> items) implements Submission {

		public Batch {
			items = List.copyOf(items);
		}

	}

	/**
	 * One item of a batch: parsed, or not if its NDJSON line is malformed.
	 *
	 * @param index its position among the items, from 0
	 * @param line its NDJSON line, from 1, or {@code null} for an array item
	 * @param event the parsed item
	 * @param malformed why its line could not be parsed
	 */
	record Item(int index, @Nullable Integer line, @Nullable JsonNode event, @Nullable String malformed) {
	}

}
