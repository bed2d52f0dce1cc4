package dev.mwaalogin.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mwaalogin.local.Template;
import dev.mwaalogin.local.emulator.MwaaEmulator;
import dev.mwaalogin.local.runtime.FunctionProcess;
import dev.mwaalogin.local.runtime.TaskRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code local/bench/run}: measures the function's cold and warm paths against what users run instead, all in one
 * run on this machine against one local MWAA emulator; prints one table, writes the chart, and puts both into
 * BENCHMARKS.md.
 */
public final class Benchmark {

    private static final String START = "<!-- bench:start -->";
    private static final String END = "<!-- bench:end -->";
    private static final String README_START = "<!-- bench:readme:start -->";
    private static final String README_END = "<!-- bench:readme:end -->";

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(System.getProperty("bench.runs", "15"));
        int warmRounds = Integer.parseInt(System.getProperty("bench.warm", "3000"));
        Path root = Path.of(System.getProperty("bench.project", ".")).toAbsolutePath().normalize();
        Template.Function function = Template.read(root.resolve("template.yaml")).function("LoginFunction");
        Path taskRoot = TaskRoot.assemble(root.resolve("function"));
        Path eventFile = root.resolve("events/http-redirect.json");
        Path work = Files.createDirectories(root.resolve("local/target/bench"));

        try (MwaaEmulator emulator = MwaaEmulator.builder().environment("demo").requestLog(null).build().start()) {
            Map<String, String> env = ColdPaths.functionEnvironment(function, emulator);
            ColdPaths cold = new ColdPaths(taskRoot, function, env, emulator.endpoint(), Files.readString(eventFile));
            Path script = ColdPaths.writeBoto3Script(work);

            System.err.println("warming up the emulator ...");
            for (int i = 0; i < 5; i++) {
                cold.boto3(script);
                cold.function();
                cold.functionOwn(eventFile);
            }
            Path archive = work.resolve("function-appcds.jsa");
            Files.deleteIfExists(archive);
            cold.function(Map.of("JAVA_TOOL_OPTIONS", "-XX:ArchiveClassesAtExit=" + archive));
            Map<String, String> withCds = Files.exists(archive)
                    ? Map.of("JAVA_TOOL_OPTIONS", "-XX:SharedArchiveFile=" + archive) : null;

            Samples samples = new Samples();
            System.err.println("cold runs, interleaved: " + runs + " of each ...");
            for (int i = 0; i < runs; i++) {
                ColdPaths.FunctionRun run = cold.function();
                if (run.status() != 302) {
                    throw new IllegalStateException("the function answered " + run.status());
                }
                samples.add("own", cold.functionOwn(eventFile));
                samples.add("cold", run.totalMs());
                samples.add("init", run.initMs());
                samples.add("invoke", run.invokeMs());
                samples.add("rss", run.peakRssKib() / 1024.0);
                samples.add("boto3", cold.boto3(script));
                samples.add("cli", cold.awsCli());
                samples.add("floor", cold.floor());
                if (withCds != null) {
                    samples.add("cds", cold.function(withCds).totalMs());
                }
            }
            System.err.println("warm runs: " + warmRounds + " of each after as many to warm up ...");
            JsonNode warm = new ObjectMapper().readTree(WarmPath.measure(taskRoot, function, env, eventFile,
                    warmRounds, warmRounds));
            long artifact = ArtifactSize.zippedBytes(taskRoot);

            String table = table(samples, warm, artifact);
            System.out.println(table);
            Path chart = root.resolve("local/bench/cold-path.svg");
            Files.createDirectories(chart.getParent());
            Files.writeString(chart, Chart.svg("Cold path: start to answer, one login, same emulator (ms)", List.of(
                    new Chart.Bar("bare JVM (floor)", samples.stats("floor"), "#bbbbbb"),
                    new Chart.Bar("mwaa-login, cold", samples.stats("own"), "#e07b00"),
                    new Chart.Bar("… under Lambda's runtime client", samples.stats("cold"), "#f0b060"),
                    new Chart.Bar("boto3 script (AWS docs)", samples.stats("boto3"), "#3572a5"),
                    new Chart.Bar("aws mwaa create-web-login-token", samples.stats("cli"), "#6a8fbf"))));
            replaceBetween(root.resolve("BENCHMARKS.md"), START, END, table);
            replaceBetween(root.resolve("README.md"), README_START, README_END, readmeSummary(samples, warm, artifact));
            System.err.println("wrote " + chart + ", BENCHMARKS.md and the README's summary");
        }
    }

    private static String table(Samples s, JsonNode warm, long artifactBytes) {
        Stats cold = s.stats("own");
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Run %s on %s, %d cores, %s; %d cold runs of each, interleaved.%n%n",
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                Machine.cpu(), Runtime.getRuntime().availableProcessors(), Machine.java(), cold.count()));
        out.append("| what | median | spread (min–max) |\n|---|---:|---:|\n");
        row(out, "cold: mwaa-login (fresh JVM: load the handler, init, one GET /login, answer)", cold, "ms");
        row(out, "cold: the same under AWS's Lambda runtime interface client and a local Runtime API",
                s.stats("cold"), "ms");
        row(out, "&nbsp;&nbsp;of which init (JVM start to the runtime's first poll for an event)", s.stats("init"),
                "ms");
        row(out, "&nbsp;&nbsp;of which the first invoke", s.stats("invoke"), "ms");
        row(out, "cold: boto3 script from the MWAA docs", s.stats("boto3"), "ms");
        row(out, "cold: `aws mwaa create-web-login-token`", s.stats("cli"), "ms");
        row(out, "floor: bare JVM, same class path and options, prints one line", s.stats("floor"), "ms");
        if (s.has("cds")) {
            row(out, "experiment: mwaa-login cold with an AppCDS archive of this machine (not shippable)",
                    s.stats("cds"), "ms");
        }
        row(out, "peak RSS of the cold run under the runtime client", s.stats("rss"), "MiB");
        out.append(String.format(Locale.ROOT, "| warm: handler per request, p50 / p99 | %.2f / %.2f ms | |%n",
                us(warm, "handler", "p50"), us(warm, "handler", "p99")));
        out.append(String.format(Locale.ROOT, "| warm: raw SDK createWebLoginToken, p50 / p99 | %.2f / %.2f ms | |%n",
                us(warm, "rawSdk", "p50"), us(warm, "rawSdk", "p99")));
        out.append(String.format(Locale.ROOT, "| warm: handler with the network taken out, p50 / p99 | %.3f / %.3f ms "
                + "| |%n", us(warm, "handlerOffline", "p50"), us(warm, "handlerOffline", "p99")));
        out.append(String.format(Locale.ROOT, "| deployment artifact (sam build output, zipped) | %.2f MB | |%n%n",
                artifactBytes / 1e6));
        out.append("| ratio | value | target |\n|---|---:|---:|\n");
        ratio(out, "cold / boto3 script", cold.median() / s.stats("boto3").median(), "≤ 1.00");
        ratio(out, "cold / aws CLI", cold.median() / s.stats("cli").median(), "≤ 0.67");
        ratio(out, "cold / bare JVM", cold.median() / s.stats("floor").median(), "");
        ratio(out, "cold under the runtime client / boto3 script", s.stats("cold").median()
                / s.stats("boto3").median(), "");
        ratio(out, "warm handler / raw SDK (p50)", us(warm, "handler", "p50") / us(warm, "rawSdk", "p50"), "≤ 1.05");
        return out.toString();
    }

    /** The README's few lines, from the same run, so the numbers it quotes never drift from BENCHMARKS.md. */
    private static String readmeSummary(Samples s, JsonNode warm, long artifactBytes) {
        Stats cold = s.stats("own");
        double boto3 = s.stats("boto3").median();
        double cli = s.stats("cli").median();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Measured with `local/bench/run` (%d-core machine, %s with Lambda's JVM options, "
                + "all against the same local%nemulator; %d interleaved runs each; ratios from the unrounded medians):%n%n",
                Runtime.getRuntime().availableProcessors(), "JDK " + Runtime.version().feature(), cold.count()));
        out.append("| | median | ratio |\n|---|---:|---:|\n");
        out.append(String.format(Locale.ROOT, "| cold: fresh JVM, init, one `GET /login`, answer | %.0f ms | |%n",
                cold.median()));
        out.append(String.format(Locale.ROOT, "| the boto3 script from the MWAA user guide | %.0f ms | cold is **%.2f×** |%n",
                boto3, cold.median() / boto3));
        out.append(String.format(Locale.ROOT, "| `aws mwaa create-web-login-token` | %.0f ms | cold is **%.2f×** |%n",
                cli, cold.median() / cli));
        out.append(String.format(Locale.ROOT, "| warm: the handler per request vs a plain SDK call (p50) | %.2f vs %.2f ms "
                + "| **%.2f×** |%n", us(warm, "handler", "p50"), us(warm, "rawSdk", "p50"),
                us(warm, "handler", "p50") / us(warm, "rawSdk", "p50")));
        out.append(String.format(Locale.ROOT, "| deployment artifact (zipped) / peak RSS of a cold run | %.2f MB / %.0f MiB "
                + "| |%n", artifactBytes / 1e6, s.stats("rss").median()));
        return out.toString();
    }

    private static double us(JsonNode warm, String name, String percentile) {
        return warm.path(name).path(percentile).asDouble() / 1000.0;
    }

    private static void row(StringBuilder out, String label, Stats stats, String unit) {
        out.append(String.format(Locale.ROOT, "| %s | %.0f %s | %.0f–%.0f |%n", label, stats.median(), unit,
                stats.min(), stats.max()));
    }

    private static void ratio(StringBuilder out, String label, double value, String target) {
        out.append(String.format(Locale.ROOT, "| %s | %.2f | %s |%n", label, value, target));
    }

    private static void replaceBetween(Path file, String startMarker, String endMarker, String content)
            throws java.io.IOException {
        String text = Files.readString(file);
        int start = text.indexOf(startMarker);
        int end = text.indexOf(endMarker);
        if (start < 0 || end < start) {
            throw new IllegalStateException(file + " lacks the " + startMarker + " / " + endMarker + " markers");
        }
        Files.writeString(file, text.substring(0, start + startMarker.length()) + "\n" + content + "\n"
                + text.substring(end));
    }

    /** Named samples. */
    private static final class Samples {
        private final Map<String, List<Double>> values = new LinkedHashMap<>();

        void add(String name, double value) {
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }

        boolean has(String name) {
            return values.containsKey(name);
        }

        Stats stats(String name) {
            return Stats.of(values.get(name));
        }
    }
}
