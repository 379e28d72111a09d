package tributary.warehouse.insights;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import tributary.warehouse.insights.Summaries.HourlyInsights;
import tributary.warehouse.system.WarehouseProperties;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(InsightsController.class)
@Import(InsightsControllerTests.Properties.class)
class InsightsControllerTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Insights insights;

	@EnableConfigurationProperties(WarehouseProperties.class)
	static class Properties {

	}

	@Test
	void answersTheHoursOfALocationInTheRangeAskedFor() throws Exception {
		Instant from = Instant.parse("2026-11-20T06:00:00Z");
		Instant to = Instant.parse("2026-11-20T12:00:00Z");
		given(this.insights.hourly("Berlin", from, to)).willReturn(new HourlyInsights("Berlin", from, to, List.of()));
		this.mvc
			.perform(get("/api/v1/insights/hourly").param("location", "Berlin")
				.param("from", "2026-11-20T07:00:00+01:00")
				.param("to", "2026-11-20T12:00:00Z"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.location").value("Berlin"))
			.andExpect(jsonPath("$.from").value("2026-11-20T06:00:00Z"));
	}

	@Test
	void defaultsToTheLast24Hours() throws Exception {
		given(this.insights.hourly(eq("Berlin"), any(), any()))
			.willAnswer((call) -> new HourlyInsights("Berlin", call.getArgument(1), call.getArgument(2), List.of()));
		this.mvc.perform(get("/api/v1/insights/hourly").param("location", "Berlin")).andExpect(status().isOk());
		verify(this.insights).hourly(eq("Berlin"),
				org.mockito.ArgumentMatchers.argThat((Instant from) -> from.isAfter(Instant.now().minusSeconds(86_460))
						&& from.isBefore(Instant.now().minusSeconds(86_340))),
				any());
	}

	@Test
	void refusesAMissingLocationNamingIt() throws Exception {
		this.mvc.perform(get("/api/v1/insights/hourly"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.parameter").value("location"))
			.andExpect(jsonPath("$.detail").value("location: is required"));
	}

	@Test
	void refusesAMalformedInstantNamingIt() throws Exception {
		this.mvc.perform(get("/api/v1/insights/sentiment").param("to", "yesterday"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("to"))
			.andExpect(jsonPath("$.detail", containsString("ISO-8601")));
	}

	@Test
	void refusesAnEmptyOrTooLongRange() throws Exception {
		this.mvc
			.perform(get("/api/v1/insights/hourly").param("location", "Berlin")
				.param("from", "2026-11-20T12:00:00Z")
				.param("to", "2026-11-20T12:00:00Z"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("from"));
		this.mvc
			.perform(get("/api/v1/insights/sentiment").param("from", "2026-10-01T00:00:00Z")
				.param("to", "2026-11-20T12:00:00Z"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("at most 168 hours")));
	}

	@Test
	void refusesPagesOutOfRange() throws Exception {
		this.mvc.perform(get("/api/v1/products").param("size", "0"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("size"));
		this.mvc.perform(get("/api/v1/locations").param("page", "-1"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("page"));
		this.mvc.perform(get("/api/v1/locations").param("page", "two"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("page"));
	}

	@Test
	void answersTheHoursOfAProductInTheRangeAskedFor() throws Exception {
		Instant from = Instant.parse("2026-11-20T06:00:00Z");
		Instant to = Instant.parse("2026-11-20T12:00:00Z");
		given(this.insights.productHours("tv-1", from, to)).willReturn(new Summaries.ProductHours("tv-1", from, to,
				List.of(new Summaries.ProductHour(from, new Summaries.Feedback(2, 4.5)))));
		this.mvc
			.perform(get("/api/v1/insights/products/tv-1/hourly").param("from", "2026-11-20T06:00:00Z")
				.param("to", "2026-11-20T12:00:00Z"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.productId").value("tv-1"))
			.andExpect(jsonPath("$.hours[0].hour").value("2026-11-20T06:00:00Z"))
			.andExpect(jsonPath("$.hours[0].feedback.ratingMean").value(4.5));
		this.mvc.perform(get("/api/v1/insights/products/tv-1/hourly").param("from", "last week"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.parameter").value("from"));
	}

	@Test
	void listsThePlatformsPageByPage() throws Exception {
		given(this.insights.platforms(1, 2)).willReturn(new Summaries.Page<>(List.of("reddit", "twitter"), 1, 2, 4, 2));
		this.mvc.perform(get("/api/v1/platforms").param("page", "1").param("size", "2"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[1]").value("twitter"))
			.andExpect(jsonPath("$.totalItems").value(4));
		this.mvc.perform(get("/api/v1/platforms").param("size", "100000"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("size"));
	}

	@Test
	void answersAnUnknownProductWith404() throws Exception {
		given(this.insights.product("nope")).willReturn(Optional.empty());
		this.mvc.perform(get("/api/v1/insights/products/nope"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.productId").value("nope"));
	}

}
