package tributary.ingest.publishing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AcknowledgementsTests {

	private final Timer timer = Timer.builder("publish").register(new SimpleMeterRegistry());

	@Test
	void waitsForEveryRecordAnsweredFromAnotherThread() throws Exception {
		for (int round = 0; round < 200; round++) {
			int size = ThreadLocalRandom.current().nextInt(1, 300);
			Acknowledgements acknowledgements = new Acknowledgements(size, this.timer);
			List<Integer> slots = new ArrayList<>();
			for (int i = 0; i < size; i++) {
				slots.add(acknowledgements.next());
			}
			Thread io = new Thread(() -> {
				for (int slot : slots) {
					if (slot % 7 == 3) {
						acknowledgements.failed(slot, new RecordTooLargeException("too large " + slot));
					}
					else {
						acknowledgements.acknowledged(slot, slot % 6, 1000L + slot, 5L);
					}
				}
			});
			io.start();
			acknowledgements.await(System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
			for (int slot : slots) {
				if (slot % 7 == 3) {
					assertThat(acknowledgements.settle(slot)).isFalse();
					assertThat(acknowledgements.failure(slot)).hasMessage("too large " + slot);
				}
				else {
					assertThat(acknowledgements.settle(slot)).isTrue();
					assertThat(acknowledgements.partition(slot)).isEqualTo(slot % 6);
					assertThat(acknowledgements.offset(slot)).isEqualTo(1000L + slot);
					assertThat(acknowledgements.failure(slot)).isNull();
				}
			}
			io.join();
		}
		assertThat(this.timer.count()).as("in-time acknowledgements are the request's to record").isZero();
	}

	@Test
	void aRecordNotAnsweredByTheDeadlineIsTimedOutAndItsLateAcknowledgementOnlyTimed() throws Exception {
		Acknowledgements acknowledgements = new Acknowledgements(2, this.timer);
		int answered = acknowledgements.next();
		int late = acknowledgements.next();
		acknowledgements.acknowledged(answered, 1, 7, 5);
		long start = System.nanoTime();
		acknowledgements.await(start + TimeUnit.MILLISECONDS.toNanos(50));
		assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
		assertThat(acknowledgements.settle(answered)).isTrue();
		assertThat(acknowledgements.settle(late)).isFalse();
		assertThat(acknowledgements.failure(late)).isNull();
		acknowledgements.acknowledged(late, 2, 9, 123_000_000);
		assertThat(acknowledgements.settle(late)).as("decided once").isFalse();
		assertThat(this.timer.count()).isEqualTo(1);
		assertThat(this.timer.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(123_000_000.0);
	}

	@Test
	void onlyTheFirstAnswerOfARecordCounts() throws Exception {
		Acknowledgements acknowledgements = new Acknowledgements(2, this.timer);
		int refused = acknowledgements.next();
		int other = acknowledgements.next();
		acknowledgements.failed(refused, new RecordTooLargeException("first"));
		acknowledgements.failed(refused, new IllegalStateException("second"));
		long start = System.nanoTime();
		acknowledgements.await(start + TimeUnit.MILLISECONDS.toNanos(50));
		assertThat(System.nanoTime() - start).as("still waits for the other")
			.isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
		assertThat(acknowledgements.failure(refused)).hasMessage("first");
		assertThat(acknowledgements.settle(other)).isFalse();
		assertThat(this.timer.count()).isZero();
	}

}
