package tributary.warehouse.events;

import java.time.Instant;
import java.util.Optional;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;
import tributary.support.topics.TopicsProperties;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(EventsController.class)
@Import({ SourceTopics.class, EventsControllerTests.Properties.class })
class EventsControllerTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	RawEvents rawEvents;

	@EnableConfigurationProperties(TopicsProperties.class)
	static class Properties {

	}

	@Test
	void answersAStoredEventAsReceivedWithItsCoordinates() throws Exception {
		given(this.rawEvents.find("weather_data", "w-1")).willReturn(Optional
			.of(new StoredEvent("w-1", new Coordinates("weather_data", 4, 17), Instant.parse("2026-11-20T09:15:03Z"),
					new Document("id", "w-1").append("temperatureC", 4.5)
						.append("big", new Decimal128(new java.math.BigDecimal("123456789012345678901234567890")))
						.append("extra", new Document("nested", java.util.List.of(1, "two"))))));
		this.mvc.perform(get("/api/v1/events/weather_data/w-1"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.partition").value(4))
			.andExpect(jsonPath("$.offset").value(17))
			.andExpect(jsonPath("$.storedAt").value("2026-11-20T09:15:03Z"))
			.andExpect(jsonPath("$.event.temperatureC").value(4.5))
			.andExpect(jsonPath("$.event.extra.nested[1]").value("two"));
	}

	@Test
	void answersAnUnknownIdWith404() throws Exception {
		given(this.rawEvents.find("social_media", "nope")).willReturn(Optional.empty());
		this.mvc.perform(get("/api/v1/events/social_media/nope"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.title").value("Unknown event"))
			.andExpect(jsonPath("$.id").value("nope"));
	}

	@Test
	void answersAnUnknownTopicWith404() throws Exception {
		this.mvc.perform(get("/api/v1/events/orders/1"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.title").value("Unknown topic"))
			.andExpect(jsonPath("$.topic").value("orders"));
	}

}
