package dev.mwaalogin.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mwaalogin.local.Template;
import dev.mwaalogin.local.emulator.MwaaEmulator;
import dev.mwaalogin.local.image.AotImage;
import dev.mwaalogin.local.image.Jdk25;
import dev.mwaalogin.local.runtime.TaskRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@code local/bench/run}: measures the function's cold and warm paths, as a zip and as the container image (JDK 25
 * with the AOT cache {@code function/image/aot-train} trains), against what users run instead, all in one run on
 * this machine against one local MWAA emulator; prints one table, writes the chart, and puts both into
 * BENCHMARKS.md and the README.
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

        RealBinaries binaries = RealBinaries.resolve();
        System.err.println("baselines: " + binaries.describe());
        Optional<Path> jdk25 = Jdk25.locate();
        AotImage image = null;
        if (jdk25.isPresent()) {
            System.err.println("training the image's AOT cache with " + jdk25.get() + " ...");
            image = AotImage.train(root, jdk25.get(), root.resolve("function/target/aot-image"), Map.of());
        } else {
            System.err.println("image path not measured: " + Jdk25.missing());
        }

        try (MwaaEmulator emulator = MwaaEmulator.builder().environment("demo").requestLog(null).build().start()) {
            Map<String, String> env = ColdPaths.functionEnvironment(function, emulator);
            ColdPaths cold = new ColdPaths(taskRoot, function, env, emulator.endpoint(), Files.readString(eventFile),
                    binaries);
            Path script = ColdPaths.writeBoto3Script(work);

            System.err.println("warming up the emulator ...");
            for (int i = 0; i < 5; i++) {
                cold.boto3(script);
                cold.function();
                cold.functionOwn(eventFile);
                if (image != null) {
                    cold.image(image.taskRoot(), image.command());
                }
            }
            Path archive = work.resolve("function-appcds.jsa");
            Files.deleteIfExists(archive);
            cold.function(Map.of("JAVA_TOOL_OPTIONS", "-XX:ArchiveClassesAtExit=" + archive));
            Map<String, String> withCds = Files.exists(archive)
                    ? Map.of("JAVA_TOOL_OPTIONS", "-XX:SharedArchiveFile=" + archive) : null;

            Samples samples = new Samples();
            System.err.println("cold runs, interleaved: " + runs + " of each ...");
            for (int i = 0; i < runs; i++) {
                ColdPaths.FunctionRun run = expect302(cold.function());
                samples.add("own", cold.functionOwn(eventFile));
                samples.add("cold", run.totalMs());
                samples.add("init", run.initMs());
                samples.add("invoke", run.invokeMs());
                samples.add("rss", run.peakRssKib() / 1024.0);
                if (image != null) {
                    ColdPaths.FunctionRun imageRun = expect302(cold.image(image.taskRoot(), image.command()));
                    samples.add("image", imageRun.totalMs());
                    samples.add("imageInit", imageRun.initMs());
                    samples.add("imageInvoke", imageRun.invokeMs());
                    samples.add("imageRss", imageRun.peakRssKib() / 1024.0);
                }
                samples.add("boto3", cold.boto3(script));
                samples.add("cli", cold.awsCli());
                samples.add("floor", cold.floor());
                if (withCds != null) {
                    samples.add("cds", cold.function(withCds).totalMs());
                }
                if (image != null) {
                    samples.add("imageNoCache", expect302(cold.image(image.taskRoot(),
                            image.commandWithoutCache())).totalMs());
                }
            }
            System.err.println("warm runs: " + warmRounds + " of each after as many to warm up ...");
            JsonNode warm = new ObjectMapper().readTree(WarmPath.measure(taskRoot, function, env, eventFile,
                    warmRounds, warmRounds));
            Report report = new Report(samples, warm, ArtifactSize.zippedBytes(taskRoot), binaries,
                    image == null ? null : imageFacts(image, jdk25.get()));

            System.out.println(report.table());
            Path chart = root.resolve("local/bench/cold-path.svg");
            Files.createDirectories(chart.getParent());
            Files.writeString(chart, Chart.svg("Cold path: start to answer, one login, same emulator (ms)",
                    report.bars()));
            replaceBetween(root.resolve("BENCHMARKS.md"), START, END, report.table());
            replaceBetween(root.resolve("README.md"), README_START, README_END, report.readmeSummary());
            System.err.println("wrote " + chart + ", BENCHMARKS.md and the README's summary");
        }
    }

    private static ColdPaths.FunctionRun expect302(ColdPaths.FunctionRun run) {
        if (run.status() != 302) {
            throw new IllegalStateException("the function answered " + run.status());
        }
        return run;
    }

    private static Report.ImageFacts imageFacts(AotImage image, Path jdk25) throws IOException {
        long jars = 0;
        for (Path file : TaskRoot.files(image.taskRoot())) {
            if (file.toString().endsWith(".jar")) {
                jars += Files.size(file);
            }
        }
        return new Report.ImageFacts(Machine.java(jdk25), jars, Files.size(image.cache()));
    }

    private static void replaceBetween(Path file, String startMarker, String endMarker, String content)
            throws IOException {
        String text = Files.readString(file);
        int start = text.indexOf(startMarker);
        int end = text.indexOf(endMarker);
        if (start < 0 || end < start) {
            throw new IllegalStateException(file + " lacks the " + startMarker + " / " + endMarker + " markers");
        }
        Files.writeString(file, text.substring(0, start + startMarker.length()) + "\n" + content + "\n"
                + text.substring(end));
    }
}
