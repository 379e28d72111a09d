package tributary.ingest.feedback;

import java.util.ArrayList;
import java.util.List;

import tributary.ingest.events.EventType;
import tributary.ingest.events.Field;
import tributary.support.topics.TopicsProperties;

/**
 * Customer feedback as clients send it (contract: {@code customer_feedback.schema.json}).
 */
final class Feedback {

	static final EventType TYPE = new EventType("Feedback", "feedback", "customer_feedback", "customerId",
			TopicsProperties::customerFeedback, fields());

	private static final String ID_DESCRIPTION = "The feedback's id; a time-ordered UUID (version 7) is generated "
			+ "if absent. Send your own to retry safely";

	private Feedback() {
	}

	// One field a statement: a list of calls in one expression is wrapped mid-call.
	private static List<Field> fields() {
		List<Field> fields = new ArrayList<>();
		fields.add(Field.text("id", 1, 128, ID_DESCRIPTION, "fb-1").optional());
		fields.add(Field.text("customerId", 1, 128, "Who gave it; the record key", "c-1001"));
		fields.add(Field.integer("rating", 1, 5, "Stars, 1 (worst) to 5 (best)", 5));
		fields.add(Field.instant("submittedAt", "When it was given"));
		fields.add(Field.text("productId", 1, 128, "The product it is about", "hp-200").optional());
		fields.add(Field.text("orderId", 1, 128, "The order it is about", "o-778").optional());
		fields.add(Field.text("comment", 1, 5000, "What the customer wrote", "Great sound, fast delivery.").optional());
		fields.add(Field.text("channel", 1, 64, "Where it was given", "web").optional());
		fields.add(Field.text("location", 1, 128, "A place name", "Berlin").optional());
		return fields;
	}

}
