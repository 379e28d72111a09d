package tributary.ingest.system;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tributary.ingest.events.EventType;
import tributary.ingest.events.Field;
import tributary.ingest.web.IngestEndpoint;
import tributary.support.security.ApiKeyInterceptor;

/**
 * The OpenAPI description at {@code /v3/api-docs} (and its UI at
 * {@code /swagger-ui/index.html}): each event's fields come from the same {@link Field}
 * declarations that validate requests, each error from the conditions the service answers
 * with.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	private static final String API_KEY = "apiKey";

	private static final String PROBLEM_JSON = "application/problem+json";

	private static final String JSON = "application/json";

	private static final String NDJSON = org.springframework.http.MediaType.APPLICATION_NDJSON_VALUE;

	@Bean
	OpenApiCustomizer ingestApiDescription(List<IngestEndpoint> endpoints, IngestProperties properties,
			ObjectProvider<BuildProperties> build) {
		return (openApi) -> {
			openApi.info(new Info().title("Tributary ingest API")
				.version(build.stream().map(BuildProperties::getVersion).findFirst().orElse("dev"))
				.description("Takes social media posts, weather readings and customer feedback and publishes them "
						+ "to Kafka. Every /api endpoint needs an API key in the " + ApiKeyInterceptor.HEADER
						+ " header. An event is acknowledged (202) only after the broker has written it."));
			Components components = (openApi.getComponents() != null) ? openApi.getComponents() : new Components();
			openApi.components(components);
			components.addSecuritySchemes(API_KEY,
					new SecurityScheme().type(SecurityScheme.Type.APIKEY)
						.in(SecurityScheme.In.HEADER)
						.name(ApiKeyInterceptor.HEADER)
						.description("One of the keys in TRIBUTARY_SECURITY_API_KEYS"));
			addResultSchemas(components);
			for (IngestEndpoint endpoint : endpoints) {
				components.addSchemas(endpoint.eventType().name(), eventSchema(endpoint.eventType()));
				PathItem path = (openApi.getPaths() != null) ? openApi.getPaths().get(endpoint.path()) : null;
				if (path != null && path.getPost() != null) {
					describeIngest(path.getPost(), endpoint.eventType(), properties);
				}
			}
			if (openApi.getPaths() != null) {
				openApi.getPaths().forEach((name, path) -> {
					if (name.startsWith("/api/")) {
						path.readOperations().forEach(ApiDocumentation::describeProtected);
					}
				});
			}
		};
	}

	private static void describeIngest(Operation operation, EventType type, IngestProperties properties) {
		String ref = ref(type.name());
		Schema<?> batch = schema("array").items(new Schema<>().$ref(ref))
			.minItems(1)
			.maxItems(properties.maxBatchItems())
			.description("A batch: every valid item is published, each item's result is reported");
		operation
			.requestBody(new RequestBody().required(true)
				.description("One " + type.name() + " (a JSON object), a batch (a JSON array of at most "
						+ properties.maxBatchItems() + "), or NDJSON (one object a line, for bulk loads). At most "
						+ properties.maxBodySize().toBytes() + " bytes. Texts are trimmed; unknown fields are kept "
						+ "and passed on; ingestedAt is set by the service.")
				.content(
						new Content()
							.addMediaType(JSON,
									new MediaType()
										.schema(new Schema<>().oneOf(List.of(new Schema<>().$ref(ref), batch))))
							.addMediaType(NDJSON, new MediaType().schema(new Schema<>().$ref(ref)
								.description("Each line one " + type.name() + "; blank lines are skipped")))));
		ApiResponses responses = new ApiResponses();
		responses
			.addApiResponse("202", json("Published: a single event's position, or every item of a batch", new Schema<>()
				.oneOf(List.of(new Schema<>().$ref(ref("EventAccepted")), new Schema<>().$ref(ref("BatchResult"))))));
		responses.addApiResponse("207",
				json("Some items of a batch were published, others were rejected (400 invalid, 413 too "
						+ "large for the broker, 422 refused by the broker) or failed (503: not acknowledged, "
						+ "retry them with their ids after Retry-After seconds): each item's result says which",
						new Schema<>().$ref(ref("BatchResult"))));
		responses.addApiResponse("400",
				problem("Malformed JSON, an unusable body, an invalid event (errors names every invalid field), "
						+ "or a batch none of whose items could be published (items gives each one's problem)"));
		responses.addApiResponse("413",
				problem("The body is larger than " + properties.maxBodySize().toBytes()
						+ " bytes, a batch holds more than " + properties.maxBatchItems()
						+ " items, or a single event is larger than the broker takes (id gives its id)"));
		responses.addApiResponse("422", problem(
				"The broker refused a single event as an invalid record; it was not published (id gives " + "its id)"));
		responses.addApiResponse("415",
				problem("The Content-Type is neither application/json nor " + "application/x-ndjson"));
		responses.addApiResponse("503",
				problem("The broker did not acknowledge the events in time; nothing was published. Retry after "
						+ "Retry-After seconds with the same ids: id gives a single event's id (also one the "
						+ "service generated), items each item's"));
		operation.responses(responses);
	}

	private static void describeProtected(Operation operation) {
		operation.addSecurityItem(new SecurityRequirement().addList(API_KEY));
		ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
		responses.addApiResponse("401", problem("The " + ApiKeyInterceptor.HEADER + " header is missing or wrong"));
		responses.addApiResponse("429",
				problem("This API key has made too many requests (if a rate limit is configured); see Retry-After"));
		operation.responses(responses);
	}

	static Schema<?> eventSchema(EventType type) {
		Schema<?> schema = schema("object").description(type.name() + " as clients send it; published to the "
				+ type.contract() + " topic keyed by " + type.keyField() + ". Other fields are kept.");
		Map<String, Schema> fields = new LinkedHashMap<>();
		List<String> required = new ArrayList<>();
		for (Field field : type.fields()) {
			fields.put(field.name(), fieldSchema(field));
			if (field.required()) {
				required.add(field.name());
			}
		}
		schema.setProperties(fields);
		schema.setRequired(required);
		schema.setAdditionalProperties(true);
		return schema;
	}

	private static Schema<?> fieldSchema(Field field) {
		Schema<Object> schema = switch (field.type()) {
			case TEXT -> schema("string").minLength(field.minLength()).maxLength(field.maxLength());
			case INSTANT -> schema("string").format("date-time");
			case NUMBER -> schema("number");
			case INTEGER -> schema("integer");
			case TEXT_LIST -> schema("array").maxItems(field.maxItems())
				.items(schema("string").minLength(1).maxLength(field.maxLength()));
		};
		if (field.pattern() != null) {
			schema.pattern(field.pattern().pattern());
		}
		if (field.minimum() != null) {
			schema.minimum(BigDecimal.valueOf(field.minimum()));
		}
		if (field.maximum() != null) {
			schema.maximum(BigDecimal.valueOf(field.maximum()));
		}
		String description = field.description();
		if (field.type() == Field.Type.INSTANT) {
			description += ". ISO-8601 with an offset, stored in UTC; at most 24 hours (configurable) in the future, "
					+ "not before " + Field.EARLIEST;
		}
		schema.description(field.required() ? description : description + " (optional)");
		schema.example(field.example());
		return schema;
	}

	private static void addResultSchemas(Components components) {
		components.addSchemas("EventAccepted",
				object(Map.of("id", schema("string").description("The event's id, as given or generated"), "topic",
						schema("string"), "partition", schema("integer"), "offset", schema("integer")))
					.description("A single event the broker acknowledged"));
		components.addSchemas("ItemResult",
				object(Map.of("index", schema("integer").description("From 0"), "line",
						schema("integer").description("NDJSON only: the item's line, from 1"), "id",
						schema("string").description("The event's id, when it could be read"), "partition",
						schema("integer").description("When published"), "offset",
						schema("integer").description("When published"), "problem",
						new Schema<>().$ref(ref("Problem")).description("When not published"))));
		components.addSchemas("BatchResult", object(Map.of("topic", schema("string"), "accepted", schema("integer"),
				"rejected",
				schema("integer")
					.description("Items not published because they were invalid or the broker refused them: "
							+ "retrying them unchanged cannot help"),
				"failed",
				schema("integer").description("Valid items the broker did not acknowledge: retry them with their ids"),
				"items", schema("array").items(new Schema<>().$ref(ref("ItemResult"))))));
		components.addSchemas("Problem", object(Map.of("type", schema("string"), "title", schema("string"), "status",
				schema("integer"), "detail", schema("string"), "instance", schema("string"), "id",
				schema("string").description("A single event that was not published (413, 422, 503): its id, as given "
						+ "or generated; retry a 503 with it"),
				"errors",
				schema("array").description("Invalid event: one entry per invalid field")
					.items(object(Map.of("field", schema("string"), "message", schema("string")))),
				"items", schema("array").description("Batches: each item's result")
					.items(new Schema<>().$ref(ref("ItemResult")))))
			.description("RFC 9457 problem details"));
	}

	private static ApiResponse json(String description, Schema<?> schema) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(JSON, new MediaType().schema(schema)));
	}

	private static ApiResponse problem(String description) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(PROBLEM_JSON,
					new MediaType().schema(new Schema<>().$ref(ref("Problem")))));
	}

	private static Schema<Object> object(Map<String, Schema<?>> properties) {
		Schema<Object> schema = schema("object");
		properties.forEach(schema::addProperty);
		return schema;
	}

	// OpenAPI 3.1 reads "types", 3.0 "type": set both so either version renders.
	private static Schema<Object> schema(String type) {
		Schema<Object> schema = new Schema<>();
		schema.setType(type);
		schema.setTypes(Set.of(type));
		return schema;
	}

	private static String ref(String name) {
		return "#/components/schemas/" + name;
	}

}
