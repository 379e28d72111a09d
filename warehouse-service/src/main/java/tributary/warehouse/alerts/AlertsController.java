package tributary.warehouse.alerts;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.jspecify.annotations.Nullable;
import tributary.warehouse.alerts.Alerts.Alert;
import tributary.warehouse.alerts.Alerts.AlertQuery;
import tributary.warehouse.events.AlertKind;
import tributary.warehouse.insights.InvalidParameter;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The alerts API: read-only, under {@code /api/v1}. An empty parameter counts as absent,
 * as a form with nothing chosen sends it.
 */
@RestController
@RequestMapping("/api/v1")
class AlertsController {

	static final int DEFAULT_LIMIT = 100;

	static final int MAX_LIMIT = 1000;

	private static final String KINDS = Arrays.stream(AlertKind.values())
		.map(AlertKind::value)
		.collect(Collectors.joining(", "));

	private final Alerts alerts;

	AlertsController(Alerts alerts) {
		this.alerts = alerts;
	}

	@GetMapping("/alerts")
	@Operation(summary = "Alerts, newest first: by location, kind and the time their period starts")
	AlertList alerts(
			@Parameter(description = "only alerts about this location") @RequestParam(
					required = false) @Nullable String location,
			@Parameter(description = "high-temperature, heat-wave or sentiment-drop") @RequestParam(
					required = false) @Nullable String kind,
			@Parameter(description = "ISO-8601 instant: only alerts whose 'from' is at or after it") @RequestParam(
					required = false) @Nullable String from,
			@Parameter(description = "ISO-8601 instant: only alerts whose 'from' is before it") @RequestParam(
					required = false) @Nullable String to,
			@Parameter(description = "at most this many, 1 to 1000; default 100") @RequestParam(
					required = false) @Nullable String limit) {
		AlertQuery query = new AlertQuery(given(location), kind(given(kind)), instant("from", given(from)),
				instant("to", given(to)), limit(given(limit)));
		return new AlertList(this.alerts.find(query));
	}

	private static @Nullable String given(@Nullable String parameter) {
		return (parameter == null || parameter.isEmpty()) ? null : parameter;
	}

	private static @Nullable AlertKind kind(@Nullable String text) {
		if (text == null) {
			return null;
		}
		return AlertKind.of(text)
			.orElseThrow(() -> new InvalidParameter("kind", "must be one of " + KINDS + " but was '" + text + "'"));
	}

	private static @Nullable Instant instant(String parameter, @Nullable String text) {
		if (text == null) {
			return null;
		}
		try {
			return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidParameter(parameter,
					"must be an ISO-8601 instant like 2026-11-20T09:00:00Z but was '" + text + "'");
		}
	}

	private static int limit(@Nullable String text) {
		if (text == null) {
			return DEFAULT_LIMIT;
		}
		int limit;
		try {
			limit = Integer.parseInt(text.trim());
		}
		catch (NumberFormatException ex) {
			throw new InvalidParameter("limit", "must be a whole number but was '" + text + "'");
		}
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new InvalidParameter("limit", "must be 1 to " + MAX_LIMIT + " but was " + limit);
		}
		return limit;
	}

	/**
	 * The alerts that match.
	 *
	 * @param alerts newest {@code from} first, ties by id
	 */
	record AlertList(List<Alert> alerts) {
	}

}
