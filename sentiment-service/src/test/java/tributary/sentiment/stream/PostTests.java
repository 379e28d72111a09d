package tributary.sentiment.stream;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class PostTests {

	private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

	@Test
	void rejectsPostWithoutText() {
		assertThatExceptionOfType(InvalidPost.class)
			.isThrownBy(() -> new Post("p-1", "x", "a", null, NOW, null, null, null))
			.withMessage("The post's text is missing");
	}

	@Test
	void rejectsPostWithEmptyText() {
		assertThatExceptionOfType(InvalidPost.class)
			.isThrownBy(() -> new Post("p-1", "x", "a", "", NOW, null, null, null))
			.withMessage("The post's text is empty");
	}

	@Test
	void rejectsTextLongerThanTheContractAllows() {
		String text = "a".repeat(Post.MAX_TEXT_LENGTH + 1);
		assertThatExceptionOfType(InvalidPost.class)
			.isThrownBy(() -> new Post("p-1", "x", "a", text, NOW, null, null, null))
			.withMessageContaining("text has 10001 characters");
	}

	@Test
	void rejectsPostWithoutIdAuthorPlatformOrCreationTime() {
		assertThatExceptionOfType(InvalidPost.class)
			.isThrownBy(() -> new Post(null, "x", "a", "hi", NOW, null, null, null))
			.withMessageContaining("id");
		assertThatExceptionOfType(InvalidPost.class)
			.isThrownBy(() -> new Post("p-1", null, "a", "hi", NOW, null, null, null))
			.withMessageContaining("platform");
		assertThatExceptionOfType(InvalidPost.class)
			.isThrownBy(() -> new Post("p-1", "x", null, "hi", NOW, null, null, null))
			.withMessageContaining("author");
		assertThatExceptionOfType(InvalidPost.class)
			.isThrownBy(() -> new Post("p-1", "x", "a", "hi", null, null, null, null))
			.withMessageContaining("createdAt");
	}

	@Test
	void acceptsPostWithoutOptionalFields() {
		assertThatNoException().isThrownBy(() -> new Post("p-1", "x", "a", " ", NOW, null, null, null));
	}

}
