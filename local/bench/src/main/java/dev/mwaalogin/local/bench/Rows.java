package dev.mwaalogin.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** The row formats the results tables share. */
final class Rows {

    private Rows() {
    }

    /** {@code | label | median unit | min–max |} for a sample of cold runs. */
    static void row(StringBuilder out, String label, Stats stats, String unit) {
        out.append(String.format(Locale.ROOT, "| %s | %.0f %s | %.0f–%.0f |%n", label, stats.median(), unit,
                stats.min(), stats.max()));
    }

    /** {@code | label, p50 / p99 | a / b ms | min–max |} for a sample of warm requests in milliseconds. */
    static void percentiles(StringBuilder out, String label, Stats stats) {
        out.append(String.format(Locale.ROOT, "| %s, p50 / p99 | %.2f / %.2f ms | %.2f–%.2f |%n", label,
                stats.median(), stats.percentile(99), stats.min(), stats.max()));
    }

    /** The same for one of the warm probe's series ({@link WarmProbe}), which has no spread. */
    static void warm(StringBuilder out, String label, JsonNode warm, String name) {
        out.append(String.format(Locale.ROOT, "| %s, p50 / p99 | %.2f / %.2f ms | |%n", label,
                warmMs(warm, name, "p50"), warmMs(warm, name, "p99")));
    }

    /** A percentile of one of the warm probe's series, in milliseconds. */
    static double warmMs(JsonNode warm, String name, String percentile) {
        JsonNode value = warm.path(name).path(percentile);
        if (!value.isNumber()) {
            throw new IllegalArgumentException("the warm probe has no " + name + "." + percentile);
        }
        return value.asDouble() / 1000.0;
    }

    /** A ratio of one pair of values (warm percentiles): no rounds, so no spread. */
    static void ratio(StringBuilder out, String label, double value, String target) {
        out.append(String.format(Locale.ROOT, "| %s | %.2f | | %s |%n", label, value, target));
    }

    /** A cold ratio: the median of its per-round ratios and their middle half ({@link ColdRatio}). */
    static void ratio(StringBuilder out, ColdRatio ratio, Samples samples) {
        Stats ratios = ratio.of(samples);
        out.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f–%.2f | %s |%n", ratio.label(), ratios.median(),
                ratios.q1(), ratios.q3(), ratio.target()));
    }

    /** {@code **0.82×** (0.79–0.85)}: a cold ratio's median of per-round ratios, their middle half in brackets. */
    static String times(ColdRatio ratio, Samples samples) {
        Stats ratios = ratio.of(samples);
        return String.format(Locale.ROOT, "**%.2f×** (%.2f–%.2f)", ratios.median(), ratios.q1(), ratios.q3());
    }

    /** A section's heading and its table's header. */
    static void heading(StringBuilder out, String title) {
        out.append(String.format("%n### %s%n%n| what | median | spread (min–max) |%n|---|---:|---:|%n", title));
    }

    static void ratioHeader(StringBuilder out) {
        out.append("\n| ratio | value | middle half of the per-round ratios | target |\n|---|---:|---:|---:|\n");
    }
}
