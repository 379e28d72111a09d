package tributary.warehouse.insights;

import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import tributary.warehouse.insights.Aggregates.Mark;
import tributary.warehouse.insights.Aggregates.Part;
import tributary.warehouse.insights.Aggregates.Source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

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

		Document written = Source.toDocument(applied);

		assertThat(written).containsOnlyKeys("weather_data:new-id:2", "weather_data:old-id:2", "social%2Emedia:p-id:0");
		assertThat(written.keySet()).allSatisfy((name) -> assertThat(name).doesNotContain("."));
		Mark read = Mark.of(new Document(Aggregates.VERSION, 1L).append(Aggregates.MARKS, written), (topic) -> {
			throw new AssertionError("every mark has its topic id");
		});
		assertThat(read.applied()).isEqualTo(applied);
	}

	@Test
	void marksInTheArrayOfEarlierVersionsAreRead() {
		Document document = new Document(Aggregates.VERSION, 2L).append(Aggregates.APPLIED,
				List.of(new Document("t", "weather_data").append("i", "old-id").append("p", 2).append("o", 40L)));

		Mark mark = Mark.of(document, (topic) -> "unused");

		assertThat(mark.applied()).containsOnly(Map.entry(OLD, 40L));
	}

	@Test
	void aFieldOfTheMarksTheWarehouseDidNotWriteIsRefused() {
		for (String name : List.of("weather_data", "weather_data:2", "weather_data:id:", "weather_data:id:x",
				":id:2")) {
			Document document = new Document(Aggregates.VERSION, 2L).append(Aggregates.MARKS, new Document(name, 1L));
			assertThatIllegalStateException().as(name)
				.isThrownBy(() -> Mark.of(document, (topic) -> "unused"))
				.withMessageContaining(name);
		}
	}

	private static Part part(Source source, long offset, String name) {
		return new Part(source, offset, new Change().count(name));
	}

	private static List<String> counts(Change change) {
		Document counted = new Document();
		change.applyTo(counted);
		return List.copyOf(counted.keySet());
	}

}
