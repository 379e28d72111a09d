package tributary.ingest.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventIdsTests {

	@Test
	void generatesDistinctVersion7UuidsCarryingTheIngestMillisecond() {
		Instant ingestedAt = Instant.parse("2026-12-01T10:15:30.123Z");
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			String id = EventIds.newId(ingestedAt);
			UUID uuid = UUID.fromString(id);
			assertThat(uuid.version()).isEqualTo(7);
			assertThat(uuid.variant()).isEqualTo(2);
			assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(ingestedAt.toEpochMilli());
			ids.add(id);
		}
		assertThat(ids).hasSize(10_000);
	}

	@Test
	void idsOfLaterMillisecondsSortAfterEarlierOnesAsText() {
		Instant start = Instant.parse("2026-12-01T10:15:30Z");
		List<String> ids = new ArrayList<>();
		for (int ms = 0; ms < 1_000; ms += 7) {
			ids.add(EventIds.newId(start.plusMillis(ms)));
		}
		assertThat(ids).isSorted();
	}

}
