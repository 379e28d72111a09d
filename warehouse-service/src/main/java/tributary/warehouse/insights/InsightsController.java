package tributary.warehouse.insights;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.jspecify.annotations.Nullable;
import tributary.warehouse.insights.Summaries.HourlyInsights;
import tributary.warehouse.insights.Summaries.KnownLocation;
import tributary.warehouse.insights.Summaries.Page;
import tributary.warehouse.insights.Summaries.ProductHours;
import tributary.warehouse.insights.Summaries.ProductInsights;
import tributary.warehouse.insights.Summaries.SentimentInsights;
import tributary.warehouse.system.WarehouseProperties;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The insights API: read-only, under {@code /api/v1}. */
@RestController
@RequestMapping("/api/v1")
class InsightsController {

	private final Insights insights;

	private final WarehouseProperties.Query limits;

	InsightsController(Insights insights, WarehouseProperties properties) {
		this.insights = insights;
		this.limits = properties.query();
	}

	@GetMapping("/insights/hourly")
	@Operation(summary = "Weather, posts, sentiment and feedback of one location, per hour")
	HourlyInsights hourly(@RequestParam(required = false) @Nullable String location,
			@Parameter(description = "ISO-8601 instant; default: 'to' minus 24 h") @RequestParam(
					required = false) @Nullable String from,
			@Parameter(description = "ISO-8601 instant, exclusive; default: now") @RequestParam(
					required = false) @Nullable String to) {
		String name = required("location", location);
		Range range = range(from, to);
		return this.insights.hourly(name, range.from(), range.to());
	}

	@GetMapping("/insights/sentiment")
	@Operation(summary = "Sentiment of posts on one platform, or all, in total and per hour")
	SentimentInsights sentiment(
			@Parameter(description = "a platform; default: all") @RequestParam(
					required = false) @Nullable String platform,
			@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to) {
		if (platform != null) {
			required("platform", platform);
		}
		Range range = range(from, to);
		return this.insights.sentiment(platform, range.from(), range.to());
	}

	@GetMapping("/insights/products/{productId}")
	@Operation(summary = "Feedback and sentiment about one product")
	ProductInsights product(@PathVariable String productId) {
		return this.insights.product(productId).orElseThrow(() -> new UnknownProduct(productId));
	}

	@GetMapping("/insights/products/{productId}/hourly")
	@Operation(summary = "Feedback about one product, per hour: its rating over time")
	ProductHours productHours(@PathVariable String productId,
			@Parameter(description = "ISO-8601 instant; default: 'to' minus 24 h") @RequestParam(
					required = false) @Nullable String from,
			@Parameter(description = "ISO-8601 instant, exclusive; default: now") @RequestParam(
					required = false) @Nullable String to) {
		Range range = range(from, to);
		return this.insights.productHours(productId, range.from(), range.to());
	}

	@GetMapping("/locations")
	@Operation(summary = "The locations with data, by name")
	Page<KnownLocation> locations(@RequestParam(required = false) @Nullable String page,
			@RequestParam(required = false) @Nullable String size) {
		return this.insights.locations(page(page), size(size));
	}

	@GetMapping("/platforms")
	@Operation(summary = "The platforms of scored posts, by name")
	Page<String> platforms(@RequestParam(required = false) @Nullable String page,
			@RequestParam(required = false) @Nullable String size) {
		return this.insights.platforms(page(page), size(size));
	}

	@GetMapping("/products")
	@Operation(summary = "The products named by feedback or posts, by id")
	Page<ProductInsights> products(@RequestParam(required = false) @Nullable String page,
			@RequestParam(required = false) @Nullable String size) {
		return this.insights.products(page(page), size(size));
	}

	private Range range(@Nullable String fromText, @Nullable String toText) {
		Instant to = (toText != null) ? instant("to", toText) : Instant.now();
		Instant from = (fromText != null) ? instant("from", fromText) : to.minus(this.limits.defaultRange());
		if (!from.isBefore(to)) {
			throw new InvalidParameter("from", "must be before 'to' (" + to + ") but was " + from);
		}
		if (Duration.between(from, to).compareTo(this.limits.maxRange()) > 0) {
			throw new InvalidParameter("from",
					"the range from 'from' to 'to' may be at most " + this.limits.maxRange().toHours()
							+ " hours but was " + Duration.between(from, to).toHours() + " hours");
		}
		return new Range(from, to);
	}

	private static Instant instant(String parameter, String text) {
		try {
			return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidParameter(parameter,
					"must be an ISO-8601 instant like 2026-11-20T09:00:00Z but was '" + text + "'");
		}
	}

	private static String required(String parameter, @Nullable String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidParameter(parameter, "is required");
		}
		return value;
	}

	private static int page(@Nullable String text) {
		int page = integer("page", text, 0);
		if (page < 0) {
			throw new InvalidParameter("page", "must be 0 or more but was " + page);
		}
		return page;
	}

	private int size(@Nullable String text) {
		int size = integer("size", text, 50);
		if (size < 1 || size > this.limits.maxPageSize()) {
			throw new InvalidParameter("size", "must be 1 to " + this.limits.maxPageSize() + " but was " + size);
		}
		return size;
	}

	private static int integer(String parameter, @Nullable String text, int fallback) {
		if (text == null) {
			return fallback;
		}
		try {
			return Integer.parseInt(text.trim());
		}
		catch (NumberFormatException ex) {
			throw new InvalidParameter(parameter, "must be a whole number but was '" + text + "'");
		}
	}

	private record Range(Instant from, Instant to) {
	}

}
