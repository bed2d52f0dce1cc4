package dev.mwaalogin.local.bench;

import java.util.Locale;

/**
 * Where the container image's cold {@code /login} spends its time, from two runs made one right after the other in
 * every round: the image ({@code image#2}) and its floor ({@code imageFloor}: the same JVM, AOT cache, class path and
 * runtime client with an empty handler). The floor's init and first invoke are what the JVM and the runtime client
 * cost before and around any code of the function; the per-round differences are what the function adds to each
 * (its init: configuration and SDK clients; its first request: the request path and the first signed MWAA call).
 */
final class ImageBreakdown {

    private final Samples samples;

    ImageBreakdown(Samples samples) {
        this.samples = samples;
    }

    boolean measured() {
        return samples.has("imageFloor") && samples.has("image" + ColdRows.SECOND);
    }

    String table() {
        String image = ColdRows.SECOND;
        StringBuilder out = new StringBuilder();
        out.append(String.format("%n#### The image's cold /login, step by step%n%n| step | median | middle half |%n"
                + "|---|---:|---:|%n"));
        row(out, "the JVM starts from the AOT cache and the runtime client starts, up to its first poll for an event "
                + "(the floor's init)", samples.stats("imageFloorInit"));
        row(out, "the function's init: configuration, SDK clients (image init − floor init, per round)",
                samples.differences("imageInit" + image, "imageFloorInit"));
        row(out, "the runtime client hands the event to a handler and posts its answer (the floor's first invoke, "
                + "an empty handler)", samples.stats("imageFloorInvoke"));
        row(out, "the function's first request: its request path and the first signed MWAA call (image first "
                + "invoke − floor first invoke, per round)", samples.differences("imageInvoke" + image,
                "imageFloorInvoke"));
        row(out, "the image's cold /login, spawn to answer (the rest: the Runtime API's and process's own "
                + "overheads, in both)", samples.stats("image" + image));
        Stats share = samples.ratios("imageFloor", "image" + image);
        out.append(String.format(Locale.ROOT, "| the floor's share of the image's cold /login (per round) | %.0f %% | "
                + "%.0f–%.0f %% |%n", 100 * share.median(), 100 * share.q1(), 100 * share.q3()));
        return out.toString();
    }

    private static void row(StringBuilder out, String label, Stats stats) {
        out.append(String.format(Locale.ROOT, "| %s | %.0f ms | %.0f–%.0f |%n", label, stats.median(), stats.q1(),
                stats.q3()));
    }
}
