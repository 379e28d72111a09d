package tributary.warehouse.alerts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tributary.support.security.SecurityConfiguration;
import tributary.warehouse.alerts.Alerts.Alert;
import tributary.warehouse.alerts.Alerts.AlertQuery;
import tributary.warehouse.events.AlertKind;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.nullValue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The alerts API as the shared agreement has it, behind the API key like all of /api. */
@WebMvcTest(AlertsController.class)
@ImportAutoConfiguration(SecurityConfiguration.class)
class AlertsControllerTests {

	private static final String KEY = "test-api-key-0123456789";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Alerts alerts;

	@Test
	void answersTheAlertsWithEveryAgreedField() throws Exception {
		given(this.alerts.find(any())).willReturn(List.of(
				new Alert("high-temperature/r-1", "high-temperature", "Seville", Instant.parse("2026-07-14T13:00:00Z"),
						Instant.parse("2026-07-14T13:00:00Z"), new BigDecimal("41.5"), new BigDecimal("35"), 1, "r-1",
						Instant.parse("2026-07-14T13:00:01.250Z")),
				new Alert("heat-wave/Seville/2026-07-14T12:00:00Z", "heat-wave", "Seville",
						Instant.parse("2026-07-14T12:00:00Z"), Instant.parse("2026-07-14T15:00:00Z"),
						new BigDecimal("36.8"), new BigDecimal("32"), 36, null,
						Instant.parse("2026-07-14T15:00:02Z"))));
		this.mvc
			.perform(get("/api/v1/alerts").header("X-API-Key", KEY)
				.param("location", "Seville")
				.param("kind", "heat-wave")
				.param("from", "2026-07-14T14:00:00+02:00")
				.param("to", "2026-07-15T00:00:00Z")
				.param("limit", "1000"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.alerts.length()").value(2))
			.andExpect(jsonPath("$.alerts[0].id").value("high-temperature/r-1"))
			.andExpect(jsonPath("$.alerts[0].kind").value("high-temperature"))
			.andExpect(jsonPath("$.alerts[0].location").value("Seville"))
			.andExpect(jsonPath("$.alerts[0].from").value("2026-07-14T13:00:00Z"))
			.andExpect(jsonPath("$.alerts[0].to").value("2026-07-14T13:00:00Z"))
			.andExpect(jsonPath("$.alerts[0].value").value(41.5))
			.andExpect(jsonPath("$.alerts[0].threshold").value(35))
			.andExpect(jsonPath("$.alerts[0].count").value(1))
			.andExpect(jsonPath("$.alerts[0].sourceId").value("r-1"))
			.andExpect(jsonPath("$.alerts[0].raisedAt").value("2026-07-14T13:00:01.250Z"))
			.andExpect(jsonPath("$.alerts[1].sourceId").value(nullValue()))
			.andExpect(jsonPath("$.alerts[1].count").value(36));
		verify(this.alerts).find(new AlertQuery("Seville", AlertKind.HEAT_WAVE, Instant.parse("2026-07-14T12:00:00Z"),
				Instant.parse("2026-07-15T00:00:00Z"), 1000));
	}

	@Test
	void everyParameterIsOptionalAndTheLimitIs100() throws Exception {
		given(this.alerts.find(any())).willReturn(List.of());
		this.mvc.perform(get("/api/v1/alerts").header("X-API-Key", KEY))
			.andExpect(status().isOk())
			.andExpect(content().json("{\"alerts\":[]}", true));
		this.mvc
			.perform(get("/api/v1/alerts").header("X-API-Key", KEY)
				.param("location", "")
				.param("kind", "")
				.param("from", "")
				.param("to", "")
				.param("limit", ""))
			.andExpect(status().isOk());
		verify(this.alerts, org.mockito.Mockito.times(2)).find(new AlertQuery(null, null, null, null, 100));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"kind|HEAT-WAVE|kind: must be one of high-temperature, heat-wave, sentiment-drop but was 'HEAT-WAVE'",
			"from|yesterday|from: must be an ISO-8601 instant like 2026-11-20T09:00:00Z but was 'yesterday'",
			"to|2026-07-14|to: must be an ISO-8601 instant like 2026-11-20T09:00:00Z but was '2026-07-14'",
			"limit|0|limit: must be 1 to 1000 but was 0", "limit|1001|limit: must be 1 to 1000 but was 1001",
			"limit|ten|limit: must be a whole number but was 'ten'" })
	void refusesABadParameterNamingIt(String parameter, String value, String detail) throws Exception {
		this.mvc.perform(get("/api/v1/alerts").header("X-API-Key", KEY).param(parameter, value))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(400))
			.andExpect(jsonPath("$.parameter").value(parameter))
			.andExpect(jsonPath("$.title").value("Invalid parameter '" + parameter + "'"))
			.andExpect(jsonPath("$.detail").value(detail));
		verifyNoInteractions(this.alerts);
	}

	@Test
	void needsAnApiKey() throws Exception {
		this.mvc.perform(get("/api/v1/alerts")).andExpect(status().isUnauthorized());
		verifyNoInteractions(this.alerts);
	}

}
