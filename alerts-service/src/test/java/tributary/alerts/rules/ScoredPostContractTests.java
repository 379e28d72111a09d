package tributary.alerts.rules;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tributary.testsupport.contracts.ContractSchemas;
import tributary.testsupport.contracts.ContractSchemas.Example;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sentiment-drop rule reads every customer_sentiment example of the contract, those
 * the trained model writes (label = its most probable class, whatever compound says) and
 * those the rules engine writes: only the label decides whether a post is negative.
 */
class ScoredPostContractTests {

	static List<Example> examples() {
		return ContractSchemas.examples("customer_sentiment");
	}

	@ParameterizedTest
	@MethodSource("examples")
	void readsEveryScoredPostExample(Example example) {
		ScoredPost post = ScoredPost.parse(example.json().getBytes(StandardCharsets.UTF_8));

		assertThat(post.id()).isNotBlank();
		assertThat(post.negative()).isEqualTo(example.json().contains("\"label\":\"negative\""));
	}

}
