package tributary.ingest.feedback;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;
import tributary.ingest.events.RecordSchemas;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fields {@link Feedback} declares are the {@code customer_feedback} contract:
 * rendered as JSON Schema they equal {@code contracts/customer_feedback.schema.json}, and
 * any bound changed in the fields alone breaks the equality, so the build fails until
 * both say the same.
 */
class FeedbackContractTests {

	private final ObjectNode contract = RecordSchemas.contract("customer_feedback");

	@Test
	void theFieldsRenderedAsJsonSchemaEqualTheContract() {
		List<String> differences = RecordSchemas.differences(RecordSchemas.render(Feedback.TYPE), this.contract);
		assertThat(differences).isEmpty();
	}

	@Test
	void everyBoundMovedInTheFieldsAloneBreaksTheEquality() {
		RecordSchemas.withEachBoundMoved(Feedback.TYPE.fields()).forEach((change, fields) -> {
			List<String> differences = RecordSchemas.differences(RecordSchemas.render(fields), this.contract);
			String property = "properties." + change.substring(0, change.indexOf(':')) + ":";
			assertThat(differences).as(change).anySatisfy((line) -> assertThat(line).startsWith(property));
		});
	}

}
