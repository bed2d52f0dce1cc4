package dev.mwaalogin.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One benchmark run written up: the results tables of BENCHMARKS.md, the README's few lines and the chart's bars,
 * all from the same samples so that no two places quote different numbers. The baselines' table and each selected
 * group's section ({@link IdentityRows}, {@link SignInRows}, {@link EventTypeRows}).
 *
 * @param selection     the groups measured
 * @param warm          the warm probe's percentiles ({@link WarmProbe})
 * @param artifactBytes the zipped task root; with the baselines only
 * @param binaries      the baselines' interpreters, or null when the baselines were not measured
 * @param image         facts of the container-image path, or null when not measured (no JDK 25, or no baselines)
 * @param java25        facts of the managed java25 model, or null when not measured
 * @param unused        with the sign-in group, the class-loading log of the default configuration's cold /login
 * @param used          with the sign-in group, the same of one sign-in with browser sign-in configured
 */
record Report(Selection selection, Samples samples, JsonNode warm, long artifactBytes, RealBinaries binaries,
              ImageFacts image, Java25Facts java25, ClassLoadLog unused, ClassLoadLog used) {

    /**
     * The container image as measured here.
     *
     * @param java          the JDK 25 that ran it
     * @param taskRootBytes the jars of its task root (one since the merge: the function, its libraries, the runtime client)
     * @param cacheBytes    the AOT cache
     */
    record ImageFacts(String java, long taskRootBytes, long cacheBytes) {
    }

    /**
     * The managed java25 model as measured here ({@link ManagedJava25}).
     *
     * @param java         the JDK 25 that ran it
     * @param cacheBytes   its AOT cache of the runtime client's classes
     * @param shipped      the class-loading log of one cold /login with that cache
     * @param cachedBytes  the experiment's cache with the function's classes too, or 0
     * @param withFunction the class-loading log of one cold /login with the experiment's cache, or null
     */
    record Java25Facts(String java, long cacheBytes, ClassLoadLog shipped, long cachedBytes,
                       ClassLoadLog withFunction) {
    }

    /**
     * Class families in a class-loading log: AWS's runtime interface client itself (not the event types of the
     * function's {@code lib/}, which share its package's prefix), the function's own code, the AWS SDK.
     */
    static final String RUNTIME_CLIENT = "com.amazonaws.services.lambda.runtime.api.client.";
    static final String FUNCTION = "dev.mwaalogin.";
    static final String SDK = "software.amazon.";

    /** Every cold ratio this run measured, in the order the tables show them. */
    List<ColdRatio> published() {
        return ColdRatio.ALL.stream().filter(ratio -> ratio.measured(samples)).toList();
    }

    /** Every table of the run: the baselines' (or, without them, today's default alone), then each group's. */
    String table() {
        StringBuilder out = new StringBuilder(selection.has(Selection.Group.BASELINES) ? baselines()
                : reference());
        if (selection.has(Selection.Group.IDENTITY)) {
            out.append(new IdentityRows(samples, warm).table());
        }
        if (selection.has(Selection.Group.SIGNIN)) {
            out.append(new SignInRows(samples, warm, unused, used).table());
        }
        if (selection.has(Selection.Group.EVENTS)) {
            out.append(new EventTypeRows(samples).table());
        }
        return out.toString();
    }

    /** Without the baselines: the run's header and today's default configuration, which every group compares with. */
    private String reference() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Run %s on %s, %d cores; %d rounds of cold runs, interleaved; groups: "
                        + "%s. Zip path: %s.%n%n| what | median | spread (min–max) |%n|---|---:|---:|%n",
                now(), Machine.cpu(), Runtime.getRuntime().availableProcessors(), samples.stats("own").count(),
                selection.describe(), Machine.java()));
        row(out, "cold, zip: fresh JVM, load the handler, init, one GET /login, answer", samples.stats("own"), "ms");
        row(out, "cold, zip, under AWS's Lambda runtime interface client and a local Runtime API",
                samples.stats("cold"), "ms");
        Rows.warm(out, "warm: handler per request", warm, "handler");
        Rows.warm(out, "warm: raw SDK createWebLoginToken", warm, "rawSdk");
        return out.toString();
    }

    private static String now() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    }

    private String baselines() {
        Stats own = samples.stats("own");
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Run %s on %s, %d cores; %d rounds of cold runs, interleaved. Zip path "
                        + "(java21 model): %s; image path and java25 model: %s. Baselines by their real executables: "
                        + "%s.%n%n", now(), Machine.cpu(), Runtime.getRuntime().availableProcessors(), own.count(),
                Machine.java(), image == null ? "not measured (no JDK 25)" : image.java(), binaries.describe()));
        out.append("| what | median | spread (min–max) |\n|---|---:|---:|\n");
        row(out, "cold, zip: fresh JVM, load the handler, init, one GET /login, answer", own, "ms");
        row(out, "cold, zip, under AWS's Lambda runtime interface client and a local Runtime API",
                samples.stats("cold"), "ms");
        row(out, "&nbsp;&nbsp;of which init (JVM start to the runtime's first poll for an event)",
                samples.stats("init"), "ms");
        row(out, "&nbsp;&nbsp;of which the first invoke", samples.stats("invoke"), "ms");
        if (image != null) {
            runtimeClientRows(out, "**cold, image (JDK 25 + AOT cache)**, under the same runtime client and Runtime "
                    + "API", "image");
            row(out, "experiment: the image's JVM and class path without its AOT cache", samples.stats("imageNoCache"),
                    "ms");
            if (samples.has("imageFloor")) {
                runtimeClientRows(out, "floor of the image: its JVM, AOT cache and runtime client with an empty "
                        + "handler (reads the event, logs a line, answers 200)", "imageFloor");
            }
            if (samples.has("imageOneCpu")) {
                row(out, "cold, image, held to one CPU (`taskset`: its JVM's compiler and other threads share that "
                        + "CPU with the main thread, as on a 1-vCPU function)", samples.stats("imageOneCpu"), "ms");
                row(out, "&nbsp;&nbsp;CPU time of its JVM", samples.stats("imageOneCpuCpu"), "ms");
                row(out, "cold: boto3 script, held to the same CPU", samples.stats("boto3OneCpu"), "ms");
            }
        }
        if (java25 != null) {
            runtimeClientRows(out, "**cold, zip on java25** (model: JDK 25, the runtime's documented options, an AOT "
                    + "cache of the runtime client's classes only), under the same runtime client", "zip25");
            if (samples.has("zip25Trained")) {
                row(out, "experiment: the same with the function's classes in that cache too (not shippable on a "
                        + "managed runtime)", samples.stats("zip25Trained"), "ms");
            }
        }
        row(out, "cold: boto3 script from the MWAA docs", samples.stats("boto3"), "ms");
        row(out, "cold: `aws mwaa create-web-login-token`", samples.stats("cli"), "ms");
        row(out, "floor: bare JVM, zip path's class path and options, prints one line", samples.stats("floor"), "ms");
        if (samples.has("cds")) {
            row(out, "experiment: zip path with an AppCDS archive of this machine (not shippable in a zip)",
                    samples.stats("cds"), "ms");
        }
        row(out, "peak RSS, zip under the runtime client", samples.stats("rss"), "MiB");
        if (image != null) {
            row(out, "peak RSS, image", samples.stats("imageRss"), "MiB");
        }
        if (java25 != null) {
            row(out, "peak RSS, zip on java25 (model)", samples.stats("zip25Rss"), "MiB");
        }
        out.append(String.format(Locale.ROOT, "| warm: handler per request, p50 / p99 | %.2f / %.2f ms | |%n",
                us("handler", "p50"), us("handler", "p99")));
        out.append(String.format(Locale.ROOT, "| warm: raw SDK createWebLoginToken, p50 / p99 | %.2f / %.2f ms | |%n",
                us("rawSdk", "p50"), us("rawSdk", "p99")));
        out.append(String.format(Locale.ROOT, "| warm: handler with the network taken out, p50 / p99 | %.3f / %.3f ms "
                + "| |%n", us("handlerOffline", "p50"), us("handlerOffline", "p99")));
        out.append(String.format(Locale.ROOT, "| warm: raw SDK createWebLoginToken with the network taken out, p50 / p99 "
                + "| %.3f / %.3f ms | |%n", us("rawSdkOffline", "p50"), us("rawSdkOffline", "p99")));
        out.append(String.format(Locale.ROOT, "| zip deployment artifact (sam build output, zipped) | %.2f MB | |%n",
                artifactBytes / 1e6));
        if (image != null) {
            out.append(String.format(Locale.ROOT, "| image: task root's one jar (the function, its libraries, the runtime client) "
                    + "| %.2f MB | |%n", image.taskRootBytes() / 1e6));
            out.append(String.format(Locale.ROOT, "| image: AOT cache | %.2f MB | |%n", image.cacheBytes() / 1e6));
        }
        if (java25 != null) {
            out.append(String.format(Locale.ROOT, "| java25 model: AOT cache of the runtime client | %.2f MB | |%n",
                    java25.cacheBytes() / 1e6));
            classes(out, "java25 model, classes one cold /login loads", java25.shipped());
            if (java25.withFunction() != null) {
                out.append(String.format(Locale.ROOT, "| experiment: the same cache with the function's classes "
                        + "| %.2f MB | |%n", java25.cachedBytes() / 1e6));
                classes(out, "experiment: the same with the function's classes in the cache",
                        java25.withFunction());
            }
        }
        Rows.ratioHeader(out);
        for (ColdRatio ratio : List.of(ColdRatio.ZIP_BOTO3, ColdRatio.ZIP_CLI, ColdRatio.ZIP_FLOOR,
                ColdRatio.IMAGE_BOTO3, ColdRatio.IMAGE_CLI, ColdRatio.IMAGE_BOTO3_ONE_CPU, ColdRatio.IMAGE_ZIP, ColdRatio.IMAGE_FLOOR,
                ColdRatio.JAVA25_JAVA21, ColdRatio.JAVA25_FUNCTION_CACHE)) {
            if (ratio.measured(samples)) {
                Rows.ratio(out, ratio, samples);
            }
        }
        Rows.ratio(out, "warm handler / raw SDK (p50)", us("handler", "p50") / us("rawSdk", "p50"), "≤ 1.05");
        Rows.ratio(out, "the same with the network taken out of both (p50)",
                us("handlerOffline", "p50") / us("rawSdkOffline", "p50"), "");
        ImageBreakdown breakdown = new ImageBreakdown(samples);
        if (breakdown.measured()) {
            out.append(breakdown.table());
        }
        CostRows cost = new CostRows(samples, warm);
        if (cost.measured()) {
            out.append(cost.table());
        }
        return out.toString();
    }

    /** The README's few lines. */
    String readmeSummary() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Measured with `local/run bench` (%d-core machine, all against the same "
                        + "local emulator, %d interleaved rounds, the baselines by their real executables; each ratio "
                        + "is the median of the per-round ratios of two runs made one after the other, the middle "
                        + "half of those ratios in brackets):%n%n", Runtime.getRuntime().availableProcessors(),
                samples.stats("own").count()));
        out.append("| | median | / boto3 script | / AWS CLI |\n|---|---:|---:|---:|\n");
        out.append(String.format(Locale.ROOT, "| cold, zip: fresh JVM (%s, Lambda's options), init, one `GET /login` "
                + "| %.0f ms | %s | %s |%n", "JDK " + Runtime.version().feature(), samples.median("own"),
                times(ColdRatio.ZIP_BOTO3), times(ColdRatio.ZIP_CLI)));
        if (image != null) {
            out.append(String.format(Locale.ROOT, "| cold, container image: JDK 25 + AOT cache, under AWS's runtime "
                    + "client | %.0f ms | %s | %s |%n", samples.median("image"), times(ColdRatio.IMAGE_BOTO3),
                    times(ColdRatio.IMAGE_CLI)));
            if (samples.has("imageOneCpu")) {
                out.append(String.format(Locale.ROOT, "| the same image held to one CPU, as a function of up to 1,769 "
                        + "MB gets (the boto3 script held to that CPU too) | %.0f ms | %s | |%n",
                        samples.median("imageOneCpu"), times(ColdRatio.IMAGE_BOTO3_ONE_CPU)));
            }
        }
        out.append(String.format(Locale.ROOT, "| the boto3 script from the MWAA user guide | %.0f ms | | |%n",
                samples.median("boto3")));
        out.append(String.format(Locale.ROOT, "| `aws mwaa create-web-login-token` | %.0f ms | | |%n",
                samples.median("cli")));
        if (java25 != null) {
            out.append(String.format(Locale.ROOT, "%nThe template deploys the zip on Lambda's managed `java25` "
                            + "runtime. Modelled without SnapStart (JDK 25, its documented options, an AOT cache of the "
                            + "runtime client only), the zip's cold login under "
                            + "the runtime client takes %.0f ms against %.0f ms on the `java21` model, %s.%n",
                    samples.median("zip25"), samples.median("cold"), times(ColdRatio.JAVA25_JAVA21)));
        }
        out.append(String.format(Locale.ROOT, "%nWarm, the handler costs %.2f ms a request against %.2f ms for a plain "
                        + "SDK call (p50, **%.2f×**). The zip artifact is %.2f MB; a cold start peaks at %.0f MiB RSS",
                us("handler", "p50"), us("rawSdk", "p50"), us("handler", "p50") / us("rawSdk", "p50"),
                artifactBytes / 1e6, samples.median("rss")));
        if (image != null) {
            out.append(String.format(Locale.ROOT, " (the image: %.0f MiB; its task root %.1f MB and AOT cache %.1f MB)",
                    samples.median("imageRss"), image.taskRootBytes() / 1e6, image.cacheBytes() / 1e6));
        }
        out.append(".\n\n");
        if (selection.has(Selection.Group.IDENTITY)) {
            out.append(new IdentityRows(samples, warm).readme());
        }
        if (selection.has(Selection.Group.SIGNIN)) {
            out.append(new SignInRows(samples, warm, unused, used).readme());
        }
        return out.toString();
    }

    private String times(ColdRatio ratio) {
        return Rows.times(ratio, samples);
    }

    List<Chart.Bar> bars() {
        List<Chart.Bar> bars = new ArrayList<>();
        bars.add(new Chart.Bar("bare JVM (floor)", samples.stats("floor"), "#bbbbbb"));
        bars.add(new Chart.Bar("zip: mwaa-login, cold", samples.stats("own"), "#e07b00"));
        if (samples.has("mapped")) {
            bars.add(new Chart.Bar("zip, per person (ROLE_MAPPING)", samples.stats("mapped"), "#c86400"));
        }
        bars.add(new Chart.Bar("zip, under Lambda's runtime client", samples.stats("cold"), "#f0b060"));
        if (samples.has("typed")) {
            bars.add(new Chart.Bar("the same, typed handler (runtime maps event)", samples.stats("typed"),
                    "#f5cf98"));
        }
        if (samples.has("signInLogin")) {
            bars.add(new Chart.Bar("browser sign-in: first /login, runtime client", samples.stats("signInLogin"),
                    "#8e6bbf"));
        }
        if (image != null) {
            bars.add(new Chart.Bar("image: JDK 25 + AOT cache, runtime client", samples.stats("image"), "#2e8b57"));
            bars.add(new Chart.Bar("image's JVM without the AOT cache", samples.stats("imageNoCache"), "#9fd4b4"));
        }
        if (java25 != null) {
            bars.add(new Chart.Bar("zip on java25 (model), runtime client", samples.stats("zip25"), "#d9a441"));
        }
        bars.add(new Chart.Bar("boto3 script (AWS docs)", samples.stats("boto3"), "#3572a5"));
        bars.add(new Chart.Bar("aws mwaa create-web-login-token", samples.stats("cli"), "#6a8fbf"));
        return bars;
    }

    private double us(String name, String percentile) {
        return warm.path(name).path(percentile).asDouble() / 1000.0;
    }

    /** How many classes a cold /login loaded, and how many of them came from the cache, per family. */
    private static void classes(StringBuilder out, String label, ClassLoadLog log) {
        out.append(String.format(Locale.ROOT, "| %s: from the cache / all; the runtime client's (`%s`); the "
                        + "function's (`dev.mwaalogin`); the SDK's | %d / %d; %d / %d; %d / %d; %d / %d | |%n", label,
                RUNTIME_CLIENT.substring(0, RUNTIME_CLIENT.length() - 1),
                log.cached().size(), log.total(), log.cachedCount(RUNTIME_CLIENT), log.count(RUNTIME_CLIENT),
                log.cachedCount(FUNCTION), log.count(FUNCTION), log.cachedCount(SDK), log.count(SDK)));
    }

    /**
     * A cold start under the runtime client, then its init and first invoke ({@code <run>Init}, {@code <run>Invoke}).
     */
    private void runtimeClientRows(StringBuilder out, String label, String run) {
        row(out, label, samples.stats(run), "ms");
        row(out, "&nbsp;&nbsp;of which init", samples.stats(run + "Init"), "ms");
        row(out, "&nbsp;&nbsp;of which the first invoke", samples.stats(run + "Invoke"), "ms");
    }

    private static void row(StringBuilder out, String label, Stats stats, String unit) {
        out.append(String.format(Locale.ROOT, "| %s | %.0f %s | %.0f–%.0f |%n", label, stats.median(), unit,
                stats.min(), stats.max()));
    }
}
