package tributary.warehouse.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Raw events, read-only, under {@code /api/v1}. */
@RestController
@RequestMapping("/api/v1")
class EventsController {

	private final RawEvents rawEvents;

	private final SourceTopics topics;

	EventsController(RawEvents rawEvents, SourceTopics topics) {
		this.rawEvents = rawEvents;
		this.topics = topics;
	}

	@GetMapping("/events/{topic}/{id}")
	@Operation(summary = "One event as it was received, with where it came from and when it was stored")
	RawEvent event(@PathVariable String topic, @PathVariable String id) {
		if (!this.topics.contains(topic)) {
			throw UnknownEvent.topic(topic, this.topics.names());
		}
		StoredEvent stored = this.rawEvents.find(topic, id).orElseThrow(() -> UnknownEvent.id(topic, id));
		Coordinates at = stored.coordinates();
		return new RawEvent(topic, stored.id(), at.partition(), at.offset(), stored.storedAt(), plain(stored.event()));
	}

	/** The document as JSON would have it: decimals as numbers. */
	private static Map<String, @Nullable Object> plain(Document document) {
		Map<String, @Nullable Object> plain = new LinkedHashMap<>();
		document.forEach((field, value) -> plain.put(field, plainValue(value)));
		return plain;
	}

	private static @Nullable Object plainValue(@Nullable Object value) {
		if (value instanceof Document document) {
			return plain(document);
		}
		if (value instanceof List<?> list) {
			List<@Nullable Object> plain = new ArrayList<>(list.size());
			list.forEach((item) -> plain.add(plainValue(item)));
			return plain;
		}
		if (value instanceof Decimal128 decimal) {
			return decimal.bigDecimalValue();
		}
		return value;
	}

	/**
	 * A raw event.
	 *
	 * @param topic the topic it came from
	 * @param id its id
	 * @param partition the partition of the record that brought it
	 * @param offset the offset of that record
	 * @param storedAt when the warehouse stored it
	 * @param event the record's value as received
	 */
	record RawEvent(String topic, String id, int partition, long offset, Instant storedAt,
			Map<String, @Nullable Object> event) {
	}

}
