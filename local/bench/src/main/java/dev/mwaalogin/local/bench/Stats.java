package dev.mwaalogin.local.bench;

import java.util.Arrays;
import java.util.List;

/**
 * A sample of measurements in milliseconds: median, spread and percentiles.
 *
 * @param values the measurements, in the order taken
 */
record Stats(double[] values) {

    static Stats of(List<Double> values) {
        return new Stats(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private double[] sorted() {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted;
    }

    double median() {
        return percentile(50);
    }

    /** Nearest-rank percentile. */
    double percentile(double p) {
        double[] sorted = sorted();
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** The first and third quartiles: the middle half of the sample lies between them. */
    double q1() {
        return percentile(25);
    }

    double q3() {
        return percentile(75);
    }

    /** The width of the middle half, {@code q3 - q1}. */
    double iqr() {
        return q3() - q1();
    }

    /**
     * The middle half's width as a share of the median: a spread that can be compared across rows of any size (0.10
     * is a middle half 10 % of the median wide).
     */
    double relativeIqr() {
        return iqr() / median();
    }

    double min() {
        return sorted()[0];
    }

    double max() {
        double[] sorted = sorted();
        return sorted[sorted.length - 1];
    }

    /** The {@code length} values from {@code from}, in the order taken. */
    Stats slice(int from, int length) {
        return new Stats(Arrays.copyOfRange(values, from, from + length));
    }

    int count() {
        return values.length;
    }

    /** "median (min–max)" in the given unit. */
    String describe(String unit, double scale, String format) {
        return String.format(format + " %s (%s–%s, n=%d)", median() * scale, unit,
                String.format(format, min() * scale), String.format(format, max() * scale), count());
    }
}
