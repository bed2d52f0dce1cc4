package dev.mwaalogin.local.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * When a run measured the machine more than the function. Two checks:
 * <ul>
 *   <li>the baselines, whose code never changes (the boto3 script, a bare JVM), must not spread wider than
 *       {@code baselineBound}: the middle half of their runs as a share of their median. Wider, the machine was busy
 *       in bursts while the run went on;</li>
 *   <li>each published ratio's median must be known to within {@code ratioErrorBound}: its standard error, estimated
 *       from the per-round ratios as 0.93 × their interquartile range / √rounds (the standard error of a median of a
 *       normal sample is 1.25 σ / √n, and its interquartile range is 1.35 σ), as a share of the median. At the
 *       default 25 rounds a 2 % bound admits ratios whose middle half is up to 10.75 % of them wide; a wider spread
 *       needs more rounds, (0.93 × spread / 0.02)², not a looser bound. Two runs within the bound agree to within
 *       about 2 × √2 × 2 ≈ 6 % of the ratio.</li>
 * </ul>
 * A run that fails either is printed as NOISY with the reasons, and nothing of it is written into BENCHMARKS.md, the
 * README or the chart.
 *
 * @param baselineBound   the widest middle half a baseline may have, as a share of its median
 * @param ratioErrorBound the largest standard error a published ratio's median may have, as a share of it
 */
record NoiseRule(double baselineBound, double ratioErrorBound) {

    /**
     * Calibrated on the 2-core development machine (BENCHMARKS.md, "The noise rule"): with nothing else running, the
     * baselines' middle halves were 12 % and 16 % of their medians and the widest ratio's standard error 3.6 %;
     * with other builds running, 22 % to 67 % and 6 % to 14 %.
     */
    static final NoiseRule DEFAULT = new NoiseRule(0.20, 0.04);

    /** The rows whose code never changes: the boto3 script and a bare JVM. */
    static final List<String> BASELINES = List.of("boto3", "floor");

    /** Why the run is noisy; empty when it is not. */
    List<String> reasons(Samples samples, List<ColdRatio> published) {
        List<String> reasons = new ArrayList<>();
        for (String baseline : BASELINES) {
            if (samples.has(baseline)) {
                Stats stats = samples.stats(baseline);
                if (stats.relativeIqr() > baselineBound) {
                    reasons.add(String.format(Locale.ROOT, "%s: its middle half %.0f–%.0f ms is %.0f %% of its median "
                            + "%.0f ms wide (bound %.0f %%)", baseline, stats.q1(), stats.q3(),
                            100 * stats.relativeIqr(), stats.median(), 100 * baselineBound));
                }
            }
        }
        for (ColdRatio ratio : published) {
            if (ratio.measured(samples)) {
                Stats ratios = ratio.of(samples);
                double error = relativeStandardError(ratios);
                if (error > ratioErrorBound) {
                    reasons.add(String.format(Locale.ROOT, "%s: its per-round ratios' middle half %.2f–%.2f (%.0f %% "
                            + "of their median %.2f) over %d rounds leaves the median a standard error of %.1f %% "
                            + "(bound %.0f %%; at this spread about %d rounds would do)",
                            ratio.label().replace("**", ""), ratios.q1(), ratios.q3(), 100 * ratios.relativeIqr(),
                            ratios.median(), ratios.count(), 100 * error, 100 * ratioErrorBound, roundsFor(ratios)));
                }
            }
        }
        return reasons;
    }

    /** What to print about the run: QUIET or NOISY, with the reasons. */
    String verdict(Samples samples, List<ColdRatio> published) {
        List<String> reasons = reasons(samples, published);
        if (reasons.isEmpty()) {
            return String.format(Locale.ROOT, "QUIET: the baselines' middle halves are within %.0f %% of their medians "
                    + "and every published ratio's median has a standard error within %.0f %%", 100 * baselineBound,
                    100 * ratioErrorBound);
        }
        return "NOISY: this run measured the machine as much as the function; nothing is written.\n  - "
                + String.join("\n  - ", reasons);
    }

    /** The rounds that would bring this spread's median within the bound: (0.93 × spread / bound)². */
    int roundsFor(Stats ratios) {
        return (int) Math.ceil(Math.pow(0.93 * ratios.relativeIqr() / ratioErrorBound, 2));
    }

    /** A median's standard error as a share of it, estimated from the spread of the n values it is the median of. */
    static double relativeStandardError(Stats ratios) {
        return 0.93 * ratios.relativeIqr() / Math.sqrt(ratios.count());
    }
}
