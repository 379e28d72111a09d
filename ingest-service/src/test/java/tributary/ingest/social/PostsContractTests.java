package tributary.ingest.social;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;
import tributary.ingest.events.RecordSchemas;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fields {@link Posts} declares are the {@code social_media} contract: rendered as
 * JSON Schema they equal {@code contracts/social_media.schema.json}, and any bound
 * changed in the fields alone breaks the equality, so the build fails until both say the
 * same.
 */
class PostsContractTests {

	private final ObjectNode contract = RecordSchemas.contract("social_media");

	@Test
	void theFieldsRenderedAsJsonSchemaEqualTheContract() {
		List<String> differences = RecordSchemas.differences(RecordSchemas.render(Posts.TYPE), this.contract);
		assertThat(differences).isEmpty();
	}

	@Test
	void everyBoundMovedInTheFieldsAloneBreaksTheEquality() {
		RecordSchemas.withEachBoundMoved(Posts.TYPE.fields()).forEach((change, fields) -> {
			List<String> differences = RecordSchemas.differences(RecordSchemas.render(fields), this.contract);
			String property = "properties." + change.substring(0, change.indexOf(':')) + ":";
			assertThat(differences).as(change).anySatisfy((line) -> assertThat(line).startsWith(property));
		});
	}

	@Test
	void aBoundMovedInTheContractAloneBreaksTheEquality() {
		ObjectNode changed = this.contract.deepCopy();
		((ObjectNode) changed.get("properties").get("hashtags")).put("maxItems", 51);
		List<String> differences = RecordSchemas.differences(RecordSchemas.render(Posts.TYPE), changed);
		assertThat(differences).singleElement().asString().startsWith("properties.hashtags:");
	}

}
