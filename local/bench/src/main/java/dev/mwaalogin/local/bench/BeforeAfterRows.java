package dev.mwaalogin.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/**
 * A run against an {@link EarlierBuild} written up: every row measured for this checkout ("after") and the earlier
 * build ("before") in the same run. Cold rows ran back to back in every round (this checkout's run right before its
 * twin, {@link ColdRows#AFTER} and {@link ColdRows#BEFORE}), so their ratio is the median of the per-round ratios,
 * with the middle half of those ratios beside it: how far a rerun may move it. The warm probe and
 * the warm sign-ins ran alternately for the two builds, in pairs; their ratio is the median of the pairs' p50 ratios,
 * with their range. The plain SDK series are the same code in both builds: their ratio shows the run's noise.
 *
 * @param revision    the earlier build's revision, as given
 * @param samples     the run's samples, the earlier build's under {@link ColdRows#BEFORE}
 * @param signInPair  how many warm sign-ins each pair measured of each build
 * @param warmAfter   the warm probe's results for this checkout, one per pair
 * @param warmBefore  the same for the earlier build, as many, in the same order
 */
record BeforeAfterRows(String revision, Samples samples, int signInPair, List<JsonNode> warmAfter,
                       List<JsonNode> warmBefore) {

    private static final String[][] COLD = {
        {"own", "cold, zip: fresh JVM, init, one GET /login"},
        {"cold", "cold, zip under the runtime client"},
        {"init", "&nbsp;&nbsp;of which init"},
        {"invoke", "&nbsp;&nbsp;of which the first invoke"},
        {"mapped", "cold, per-person identity (`ROLE_MAPPING`)"},
        {"signInLogin", "cold, browser sign-in: first GET /login (302 to the provider)"},
        {"signInFirstCallback", "&nbsp;&nbsp;then its first callback (code to 302 into Airflow)"},
        {"signInBearer", "cold, bearer-token login"},
    };
    private static final String[][] SIGN_IN_WARM = {
        {"signInWarmLogin", "warm sign-in: GET /login → 302 to the provider"},
        {"signInWarmCallback", "warm sign-in: callback (a new person each time)"},
        {"signInWarmBearer", "warm sign-in: bearer-token login (a new person each time)"},
    };
    private static final String[][] WARM = {
        {"handler", "warm: handler per request"},
        {"rawSdk", "warm: raw SDK createWebLoginToken (the same code in both: noise)"},
        {"handlerOffline", "warm: handler with the network taken out"},
        {"rawSdkOffline", "warm: raw SDK with the network taken out (noise)"},
        {"mappedHit", "warm: per person, session cached (hit)"},
        {"mappedMiss", "warm: per person, a new person (miss)"},
        {"rawAssumeRole", "warm: raw SDK assumeRole (noise)"},
    };

    String table() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%n### Before and after: this checkout "
                + "against %s, in the same run%n%n| what | after | before | after / before | spread of the ratio |%n"
                + "|---|---:|---:|---:|---:|%n", revision));
        for (String[] row : COLD) {
            String after = row[0] + ColdRows.AFTER;
            String before = row[0] + ColdRows.BEFORE;
            if (samples.has(after) && samples.has(before)) {
                Stats ratios = samples.ratios(after, before);
                out.append(String.format(Locale.ROOT, "| %s | %.0f ms | %.0f ms | **%.3f** | %.3f–%.3f (middle "
                                + "half of %d rounds) |%n", row[1], samples.median(after), samples.median(before),
                        ratios.median(), ratios.q1(), ratios.q3(), ratios.count()));
            }
        }
        for (String[] row : SIGN_IN_WARM) {
            String before = row[0] + ColdRows.BEFORE;
            if (samples.has(row[0]) && samples.has(before)) {
                Stats after = samples.stats(row[0]);
                Stats earlier = samples.stats(before);
                double[] ratios = new double[after.count() / signInPair];
                for (int i = 0; i < ratios.length; i++) {
                    ratios[i] = after.slice(i * signInPair, signInPair).median()
                            / earlier.slice(i * signInPair, signInPair).median();
                }
                pairs(out, row[1], after.median(), earlier.median(), new Stats(ratios), "%.2f");
            }
        }
        for (String[] row : WARM) {
            if (warmAfter.isEmpty() || warmAfter.size() != warmBefore.size() || !warmAfter.get(0).has(row[0])
                    || !warmBefore.get(0).has(row[0])) {
                continue;
            }
            double[] ratios = new double[warmAfter.size()];
            double[] after = new double[ratios.length];
            double[] before = new double[ratios.length];
            for (int i = 0; i < ratios.length; i++) {
                after[i] = Rows.warmMs(warmAfter.get(i), row[0], "p50");
                before[i] = Rows.warmMs(warmBefore.get(i), row[0], "p50");
                ratios[i] = after[i] / before[i];
            }
            pairs(out, row[1], new Stats(after).median(), new Stats(before).median(), new Stats(ratios), "%.3f");
        }
        return out.toString();
    }

    private static void pairs(StringBuilder out, String label, double after, double before, Stats ratios,
                              String format) {
        out.append(String.format(Locale.ROOT, "| %s, p50 | " + format + " ms | " + format + " ms | **%.3f** | "
                        + "%.3f–%.3f (%d alternating pairs) |%n", label, after, before, ratios.median(), ratios.min(),
                ratios.max(), ratios.count()));
    }
}
