package tributary.support.security;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ApiKeysTests {

	private final ApiKeys keys = new ApiKeys(List.of("first-key-0123456789", "second-key-0123456789"));

	@Test
	void matchesEachConfiguredKeyByItsIndex() {
		assertThat(this.keys.match("first-key-0123456789")).contains(0);
		assertThat(this.keys.match("second-key-0123456789")).contains(1);
	}

	@Test
	void rejectsAbsentWrongAndPrefixKeys() {
		assertThat(this.keys.match(null)).isEmpty();
		assertThat(this.keys.match("")).isEmpty();
		assertThat(this.keys.match("first-key-012345678")).isEmpty();
		assertThat(this.keys.match("first-key-0123456789 ")).isEmpty();
	}

	@Test
	void refusesToRunWithoutAKey() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SecurityProperties(List.of(" ", ""), List.of()))
			.withMessageContaining("TRIBUTARY_SECURITY_API_KEYS");
	}

	@Test
	void refusesShortKeys() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SecurityProperties(List.of("short"), List.of("/api/**")))
			.withMessageContaining("16");
	}

	@Test
	void trimsConfiguredKeys() {
		assertThat(new SecurityProperties(List.of(" padded-key-0123456789 "), List.of("/api/**")).apiKeys())
			.containsExactly("padded-key-0123456789");
	}

}
