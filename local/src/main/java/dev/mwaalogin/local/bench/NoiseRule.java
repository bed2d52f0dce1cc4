package dev.mwaalogin.local.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * When a run measured the machine more than the function: the baselines, whose code never changes, spread wider than
 * {@code baselineBound} (the middle half of their runs, as a share of their median), or a published ratio's per-round
 * ratios spread wider than {@code ratioBound}. Such a run is printed as NOISY with the reasons, and nothing of it is
 * written into BENCHMARKS.md, the README or the chart.
 *
 * <p>Why these bounds: the median of n per-round ratios moves between reruns by about 0.93 × their interquartile
 * range / √n (the median's standard error for a normal spread, whose IQR is 1.35 σ), so at the default 25 rounds a
 * ratio whose middle half is 10 % of it wide has a standard error under 2 %: two runs agree to within about 5 % (two
 * standard errors of their difference). A run whose baselines spread wider than 10 % was slowed in bursts, which is
 * what made a published boto3 median 702 ms in one run and 419–445 ms in another.
 *
 * @param baselineBound the widest middle half a baseline may have, as a share of its median
 * @param ratioBound    the widest middle half a published ratio's per-round ratios may have, as a share of it
 */
record NoiseRule(double baselineBound, double ratioBound) {

    static final NoiseRule DEFAULT = new NoiseRule(0.10, 0.10);

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
                if (ratios.relativeIqr() > ratioBound) {
                    reasons.add(String.format(Locale.ROOT, "%s: its per-round ratios' middle half %.2f–%.2f is %.0f %% "
                            + "of their median %.2f wide (bound %.0f %%)", ratio.label().replace("**", ""),
                            ratios.q1(), ratios.q3(), 100 * ratios.relativeIqr(), ratios.median(), 100 * ratioBound));
                }
            }
        }
        return reasons;
    }

    /** What to print about the run: QUIET or NOISY, with the reasons. */
    String verdict(Samples samples, List<ColdRatio> published) {
        List<String> reasons = reasons(samples, published);
        if (reasons.isEmpty()) {
            return String.format(Locale.ROOT, "QUIET: the baselines' and every published ratio's middle half are within "
                    + "%.0f %% and %.0f %% of their medians", 100 * baselineBound, 100 * ratioBound);
        }
        return "NOISY: this run measured the machine as much as the function; nothing is written.\n  - "
                + String.join("\n  - ", reasons);
    }

    /** The median's standard error as a share of it, estimated from n per-round ratios' spread (see above). */
    static double relativeStandardError(Stats ratios) {
        return 0.93 * ratios.relativeIqr() / Math.sqrt(ratios.count());
    }
}
