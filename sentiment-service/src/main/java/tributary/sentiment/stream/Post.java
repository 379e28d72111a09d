package tributary.sentiment.stream;

import java.time.Instant;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;
import tributary.support.text.Utf8;

/**
 * A post as read from social_media: the fields this service needs, checked against the
 * limits of both topics' schemas so that every post accepted here yields a valid
 * customer_sentiment record.
 *
 * <p>
 * Fields it does not use ({@code lang}, {@code hashtags}, anything newer) are ignored, so
 * that producers may add fields without breaking this consumer. {@code ingestedAt} may be
 * missing: posts written straight to the topic by other clients have not been through
 * ingest.
 *
 * @param id the post's id, unique per post
 * @param platform where it was posted
 * @param author who posted it
 * @param text what was posted, the input of the scorer
 * @param createdAt when it was posted
 * @param location where its author was, if known
 * @param productId the product it is about, if known
 * @param ingestedAt when ingest-service accepted it, if it did
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record Post(@JsonDeserialize(using = JsonStrings.class) String id,
		@JsonDeserialize(using = JsonStrings.class) String platform,
		@JsonDeserialize(using = JsonStrings.class) String author,
		@JsonDeserialize(using = JsonStrings.class) String text,
		@JsonDeserialize(using = IsoInstants.Reader.class) Instant createdAt,
		@JsonDeserialize(using = JsonStrings.class) @Nullable String location,
		@JsonDeserialize(using = JsonStrings.class) @Nullable String productId,
		@JsonDeserialize(using = IsoInstants.Reader.class) @Nullable Instant ingestedAt) {

	static final int MAX_ID_LENGTH = 128;

	static final int MAX_PLATFORM_LENGTH = 32;

	static final int MAX_TEXT_LENGTH = 10_000;

	private static final Pattern PLATFORM = Pattern.compile("[a-z0-9_-]{1,32}");

	Post {
		required("id", id, MAX_ID_LENGTH);
		required("platform", platform, MAX_PLATFORM_LENGTH);
		if (!PLATFORM.matcher(platform).matches()) {
			throw new InvalidPost("platform", "must be 1 to 32 of a-z, 0-9, '_' or '-'");
		}
		required("author", author, MAX_ID_LENGTH);
		required("text", text, MAX_TEXT_LENGTH);
		if (createdAt == null) {
			throw new InvalidPost("createdAt", "is missing");
		}
		optional("location", location, MAX_ID_LENGTH);
		optional("productId", productId, MAX_ID_LENGTH);
	}

	private static void required(String field, @Nullable String value, int maxLength) {
		if (value == null) {
			throw new InvalidPost(field, "is missing");
		}
		if (value.isEmpty()) {
			throw new InvalidPost(field, "is empty");
		}
		optional(field, value, maxLength);
	}

	private static void optional(String field, @Nullable String value, int maxLength) {
		if (value == null) {
			return;
		}
		// The schemas count characters (code points), not UTF-16 units; the quick test
		// first, because a string of at most maxLength units has at most that many.
		if (value.length() > maxLength && value.codePointCount(0, value.length()) > maxLength) {
			throw new InvalidPost(field,
					"has " + value.codePointCount(0, value.length()) + " characters, more than " + maxLength);
		}
		int surrogate = Utf8.unpairedSurrogate(value, 0);
		if (surrogate >= 0) {
			throw new InvalidPost(field,
					"has an unpaired surrogate at index " + surrogate + ", which is not Unicode text");
		}
	}

}
