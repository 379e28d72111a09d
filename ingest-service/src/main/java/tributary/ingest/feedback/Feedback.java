package tributary.ingest.feedback;

import java.util.List;

import tributary.ingest.events.EventType;
import tributary.ingest.events.Field;
import tributary.support.topics.TopicsProperties;

/**
 * Customer feedback as clients send it (contract: {@code customer_feedback.schema.json}).
 */
final class Feedback {

	static final EventType TYPE = new EventType("Feedback", "feedback", "customer_feedback", "customerId",
			TopicsProperties::customerFeedback,
			List.of(Field.text("id", 1, 128,
					"The feedback's id; a time-ordered UUID (version 7) is generated if absent. Send your own to retry safely",
					"fb-1")
				.optional(), Field.text("customerId", 1, 128, "Who gave it; the record key", "c-1001"),
					Field.integer("rating", 1, 5, "Stars, 1 (worst) to 5 (best)", 5),
					Field.instant("submittedAt", "When it was given"),
					Field.text("productId", 1, 128, "The product it is about", "hp-200").optional(),
					Field.text("orderId", 1, 128, "The order it is about", "o-778").optional(),
					Field.text("comment", 1, 5_000, "What the customer wrote", "Great sound, fast delivery.")
						.optional(),
					Field.text("channel", 1, 64, "Where it was given", "web").optional(),
					Field.text("location", 1, 128, "A place name", "Berlin").optional()));

	private Feedback() {
	}

}
