package tributary.testsupport.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MedianTests {

	@Test
	void anOddCountHasItsMiddleValue() {
		assertThat(Median.of(9.0, 1.0, 5.0)).isEqualTo(5.0);
		assertThat(Median.of(List.of(3, 1, 2, 10, -4))).isEqualTo(2.0);
	}

	@Test
	void anEvenCountHasTheMeanOfItsTwoMiddleValues() {
		assertThat(Median.of(4.0, 1.0, 3.0, 100.0)).isEqualTo(3.5);
		assertThat(Median.of(List.of(2L, 1L))).isEqualTo(1.5);
	}

	@Test
	void aFigureOfEachRun() {
		record Run(String name, double rate) {
		}
		assertThat(Median.of(List.of(new Run("a", 30), new Run("b", 10), new Run("c", 20)), Run::rate)).isEqualTo(20.0);
	}

	@Test
	void leavesItsArgumentsInTheirOrder() {
		double[] values = { 3, 1, 2 };
		Median.of(values);
		assertThat(values).containsExactly(3, 1, 2);
	}

	@Test
	void withItsRange() {
		assertThat(Median.withRange("%.0f", 7, 2, 4)).isEqualTo("4 (2-7)");
	}

	@Test
	void noValuesHaveNoMedian() {
		assertThatIllegalArgumentException().isThrownBy(Median::of);
		assertThatIllegalArgumentException().isThrownBy(() -> Median.of(List.<Double>of()));
	}

}
