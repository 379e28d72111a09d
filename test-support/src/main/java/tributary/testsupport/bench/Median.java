package tributary.testsupport.bench;

import java.util.Arrays;
import java.util.Collection;
import java.util.function.ToDoubleFunction;

/**
 * The median of a benchmark's runs or blocks: the middle value of an odd count, the mean
 * of the two middle values of an even one. Figures on a shared, noisy machine are quoted
 * as medians (and ranges) of runs measured side by side, never as single runs or means.
 */
public final class Median {

	private Median() {
	}

	/**
	 * The median of some values.
	 * @param values at least one
	 * @return their median
	 * @throws IllegalArgumentException if there are none
	 */
	public static double of(double... values) {
		if (values.length == 0) {
			throw new IllegalArgumentException("The median of no values is undefined");
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	/**
	 * The median of some numbers.
	 * @param values at least one
	 * @return their median
	 * @throws IllegalArgumentException if there are none
	 */
	public static double of(Collection<? extends Number> values) {
		return of(values, Number::doubleValue);
	}

	/**
	 * The median of a figure of each of some runs.
	 * @param <T> what a run is
	 * @param runs at least one
	 * @param figure the figure of one run
	 * @return the figures' median
	 * @throws IllegalArgumentException if there are no runs
	 */
	public static <T> double of(Collection<? extends T> runs, ToDoubleFunction<? super T> figure) {
		return of(runs.stream().mapToDouble(figure).toArray());
	}

	/**
	 * The median of some values with their range, as the benchmarks print them: {@code
	 * median (min-max)}.
	 * @param format the format of each of the three numbers, {@code %.0f} say
	 * @param values at least one
	 * @return the median and the range
	 * @throws IllegalArgumentException if there are none
	 */
	public static String withRange(String format, double... values) {
		double median = of(values);
		double min = Arrays.stream(values).min().orElseThrow();
		double max = Arrays.stream(values).max().orElseThrow();
		return String.format(format + " (" + format + "-" + format + ")", median, min, max);
	}

}
