package tributary.ingest.weather;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;
import tributary.ingest.events.RecordSchemas;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fields {@link Readings} declares are the {@code weather_data} contract: rendered as
 * JSON Schema they equal {@code contracts/weather_data.schema.json}, and any bound
 * changed in the fields alone breaks the equality, so the build fails until both say the
 * same.
 */
class ReadingsContractTests {

	private final ObjectNode contract = RecordSchemas.contract("weather_data");

	@Test
	void theFieldsRenderedAsJsonSchemaEqualTheContract() {
		List<String> differences = RecordSchemas.differences(RecordSchemas.render(Readings.TYPE), this.contract);
		assertThat(differences).isEmpty();
	}

	@Test
	void everyBoundMovedInTheFieldsAloneBreaksTheEquality() {
		RecordSchemas.withEachBoundMoved(Readings.TYPE.fields()).forEach((change, fields) -> {
			List<String> differences = RecordSchemas.differences(RecordSchemas.render(fields), this.contract);
			String property = "properties." + change.substring(0, change.indexOf(':')) + ":";
			assertThat(differences).as(change).anySatisfy((line) -> assertThat(line).startsWith(property));
		});
	}

}
