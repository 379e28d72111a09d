package tributary.warehouse.insights;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import tributary.warehouse.insights.Aggregates.Mark;
import tributary.warehouse.insights.Aggregates.Source;
import tributary.warehouse.insights.Contributions.Target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RememberedMarksTests {

	private final AtomicLong now = new AtomicLong(-5_000_000_000L);

	@Test
	void aRememberedMarkIsGivenOutOnceUntilItIsRememberedAgain() {
		RememberedMarks marks = new RememberedMarks(10, this.now::get);
		marks.remember(target("a"), mark(3));
		assertThat(marks.take(target("a"))).isEqualTo(mark(3));
		assertThat(marks.take(target("a"))).isNull();
		assertThat(marks.take(new Target(Aggregate.PRODUCTS, "a", new Document()))).as("another collection's a")
			.isNull();
	}

	@Test
	void beyondItsCapacityTheLeastRecentlyUsedMarkIsDropped() {
		RememberedMarks marks = new RememberedMarks(2, this.now::get);
		marks.remember(target("a"), mark(1));
		marks.remember(target("b"), mark(1));
		marks.remember(target("a"), mark(2));
		marks.remember(target("c"), mark(1));
		assertThat(marks.size()).isEqualTo(2);
		assertThat(marks.take(target("b"))).isNull();
		assertThat(marks.take(target("a"))).isEqualTo(mark(2));
		assertThat(marks.take(target("c"))).isEqualTo(mark(1));
	}

	@Test
	void aDocumentThatChangedUnderThisInstanceIsReadForAWhile() {
		RememberedMarks marks = new RememberedMarks(10, this.now::get);
		marks.remember(target("a"), mark(1));
		marks.contended(target("a"));
		assertThat(marks.take(target("a"))).isNull();
		marks.remember(target("a"), mark(2));
		assertThat(marks.take(target("a"))).isNull();
		this.now.addAndGet(RememberedMarks.CONTENDED.minus(Duration.ofSeconds(1)).toNanos());
		marks.remember(target("a"), mark(3));
		assertThat(marks.take(target("a"))).isNull();
		this.now.addAndGet(Duration.ofSeconds(1).toNanos());
		marks.remember(target("a"), mark(4));
		assertThat(marks.take(target("a"))).isEqualTo(mark(4));
	}

	@Test
	void aCapacityOfZeroRemembersNothing() {
		RememberedMarks marks = new RememberedMarks(0, this.now::get);
		marks.remember(target("a"), mark(1));
		marks.contended(target("a"));
		assertThat(marks.take(target("a"))).isNull();
		assertThatIllegalArgumentException().isThrownBy(() -> new RememberedMarks(-1));
	}

	private static Target target(String id) {
		return new Target(Aggregate.HOURLY, id, new Document("location", id));
	}

	private static Mark mark(long version) {
		return new Mark(version, Map.of(new Source("weather", "first", 0), version * 10));
	}

}
