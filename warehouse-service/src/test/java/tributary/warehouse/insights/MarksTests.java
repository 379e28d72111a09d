package tributary.warehouse.insights;

import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import tributary.warehouse.insights.Aggregates.Mark;
import tributary.warehouse.insights.Aggregates.Part;
import tributary.warehouse.insights.Aggregates.Source;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-partition marks of an aggregate document: which records they say are in, per
 * incarnation of a topic.
 */
class MarksTests {

	private static final Source OLD = new Source("weather_data", "old-id", 2);

	private static final Source NEW = new Source("weather_data", "new-id", 2);

	@Test
	void aRecordAtOrBelowItsPartitionsMarkIsInAndOneAboveIsNot() {
		Mark mark = new Mark(3, Map.of(NEW, 10L));
		Change change = new Change();

		Map<Source, Long> raised = mark
			.fold(List.of(part(NEW, 9, "in"), part(NEW, 10, "also in"), part(NEW, 11, "new")), change);

		assertThat(counts(change)).containsExactly("new");
		assertThat(raised).containsExactlyEntriesOf(Map.of(NEW, 11L));
	}

	@Test
	void aMarkOfAnotherIncarnationOfTheTopicHidesNothing() {
		Mark mark = new Mark(3, Map.of(OLD, 500L));
		Change change = new Change();

		Map<Source, Long> raised = mark.fold(List.of(part(NEW, 0, "a"), part(NEW, 499, "b")), change);

		assertThat(counts(change)).containsExactly("a", "b");
		assertThat(raised).containsOnly(Map.entry(OLD, 500L), Map.entry(NEW, 499L));
	}

	@Test
	void recordsOfOneBatchAreComparedWithTheMarkAsItWasRead() {
		Change change = new Change();

		Mark.ABSENT.fold(List.of(part(NEW, 4, "a"), part(NEW, 2, "b")), change);

		assertThat(counts(change)).containsExactly("a", "b");
	}

	@Test
	void aMarkWithoutTopicIdBelongsToTheIncarnationNamedForUnmarkedDocuments() {
		Document document = new Document(Aggregates.VERSION, 7L).append(Aggregates.APPLIED,
				List.of(new Document("t", "weather_data").append("p", 2).append("o", 40L),
						new Document("t", "weather_data").append("i", "new-id").append("p", 2).append("o", 3L)));

		Mark mark = Mark.of(document, (topic) -> "old-id");

		assertThat(mark.version()).isEqualTo(7);
		assertThat(mark.applied()).containsOnly(Map.entry(OLD, 40L), Map.entry(NEW, 3L));
	}

	@Test
	void marksAreWrittenWithTheirTopicIdsAndReadBackUnchanged() {
		Map<Source, Long> applied = Map.of(OLD, 500L, NEW, 12L, new Source("social.media", "p-id", 0), 1L);

		List<Document> written = Source.toDocuments(applied);

		assertThat(written).allSatisfy((entry) -> assertThat(entry.keySet()).containsExactly("t", "i", "p", "o"));
		Mark read = Mark.of(new Document(Aggregates.VERSION, 1L).append(Aggregates.APPLIED, written), (topic) -> {
			throw new AssertionError("every mark has its topic id");
		});
		assertThat(read.applied()).isEqualTo(applied);
	}

	private static Part part(Source source, long offset, String name) {
		return new Part(source, offset, new Change().count(name));
	}

	private static List<String> counts(Change change) {
		return change.updates()
			.stream()
			.flatMap((update) -> update.toBsonDocument().getDocument("$inc").keySet().stream())
			.toList();
	}

}
