package tributary.ingest.social;

import java.util.List;

import tributary.ingest.events.EventType;
import tributary.ingest.events.Field;
import tributary.support.topics.TopicsProperties;

/**
 * A social media post as clients send it (contract: {@code social_media.schema.json}).
 */
final class Posts {

	static final EventType TYPE = new EventType("Post", "post", "social_media", "author", TopicsProperties::socialMedia,
			List.of(Field.text("id", 1, 128,
					"The post's id; a time-ordered UUID (version 7) is generated if absent. Send your own to retry safely",
					"6f1c2d9e-1a52-4c1e-9a44-1f5b2b7d8e01")
				.optional(), Field.matching("platform", "^[a-z0-9_-]{1,32}$", 32, "Where it was posted", "twitter"),
					Field.text("author", 1, 128, "Who posted it; the record key", "ada_l"),
					Field.text("text", 1, 10_000, "What was posted", "The new headphones are sooo good #blessed"),
					Field.instant("createdAt", "When it was posted"),
					Field.text("lang", 1, 35, "Its language, as a BCP 47 tag", "en").optional(),
					Field.text("location", 1, 128, "A place name", "Berlin").optional(),
					Field.text("productId", 1, 128, "The product it is about", "hp-200").optional(),
					Field.textList("hashtags", 50, 140, "Its hashtags", List.of("blessed")).optional()));

	private Posts() {
	}

}
