package dev.mwaalogin.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mwaalogin.local.Template;
import dev.mwaalogin.local.image.AotImage;
import dev.mwaalogin.local.image.Jdk25;
import dev.mwaalogin.local.runtime.TaskRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code local/run bench}: measures the function's cold and warm paths, as a zip and as the container image (JDK 25
 * with the AOT cache {@code function/image/aot-train} trains), against what users run instead, and the costs of
 * per-person identity, browser sign-in and the event types, all in one run on this machine against one local MWAA
 * emulator; prints the tables and the {@link NoiseRule}'s verdict and, after a QUIET run of every group, writes the
 * chart and puts both into BENCHMARKS.md and the README. Each round runs the cold rows in {@link ColdRows}'s order.
 *
 * <p>System properties: {@code bench.runs} (rounds of cold runs, default 25: see BENCHMARKS.md, "How many
 * rounds"), {@code bench.warm} (warm
 * requests of each, as many again to warm up; 3000), {@code bench.signInWarm} (warm sign-ins; 200),
 * {@code bench.warmups} (untimed rounds of every cold contender first; 3), {@code bench.only} (groups, see
 * {@link Selection}; default all), {@code bench.write} ({@code false}: print only) and {@code bench.against} (a git
 * revision: the function's rows measured for that build too, in the same rounds, see {@link EarlierBuild}; such a
 * run prints only, and {@code bench.pairs} sets its alternating warm probe pairs, default 3).
 */
public final class Benchmark {

    private static final String START = "<!-- bench:start -->";
    private static final String END = "<!-- bench:end -->";
    private static final String README_START = "<!-- bench:readme:start -->";
    private static final String README_END = "<!-- bench:readme:end -->";

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        long began = System.nanoTime();
        int runs = Integer.parseInt(System.getProperty("bench.runs", "25"));
        int warmRounds = Integer.parseInt(System.getProperty("bench.warm", "3000"));
        int signInRounds = Integer.parseInt(System.getProperty("bench.signInWarm", "200"));
        int warmups = Integer.parseInt(System.getProperty("bench.warmups", "3"));
        Selection selection = Selection.parse(System.getProperty("bench.only"));
        String against = System.getProperty("bench.against", "");
        int pairs = Integer.parseInt(System.getProperty("bench.pairs", "3"));
        boolean write = selection.isAll() && against.isEmpty() && !"false".equals(System.getProperty("bench.write"));
        Path root = Path.of(System.getProperty("bench.project", ".")).toAbsolutePath().normalize();
        Template.Function function = Template.read(root.resolve("template.yaml")).function("LoginFunction");
        Path taskRoot = TaskRoot.assemble(root.resolve("function"));
        Path eventFile = root.resolve("events/http-redirect.json");
        Path work = Files.createDirectories(root.resolve("local/bench/target/bench"));
        EarlierBuild earlier = null;
        if (!against.isEmpty()) {
            System.err.println(elapsed(began) + "building " + against + " beside this checkout ...");
            earlier = EarlierBuild.build(root, against, work);
        }
        System.err.println("groups: " + selection.describe() + (write ? "" : " (prints only: BENCHMARKS.md, the "
                + "README and the chart are written after a QUIET run of every group without -Dbench.write=false)"));

        boolean baselines = selection.has(Selection.Group.BASELINES);
        RealBinaries binaries = baselines ? RealBinaries.resolve() : null;
        AotImage image = null;
        Optional<Path> jdk25 = baselines ? Jdk25.locate() : Optional.empty();
        if (binaries != null) {
            System.err.println("baselines: " + binaries.describe());
            if (jdk25.isPresent()) {
                System.err.println("training the image's AOT cache with " + jdk25.get() + " ...");
                image = AotImage.train(root, jdk25.get(), root.resolve("function/target/aot-image"), Map.of());
            } else {
                System.err.println("image path not measured: " + Jdk25.missing());
            }
        }

        try (Stage stage = Stage.start(function, selection.has(Selection.Group.SIGNIN))) {
            String event = Files.readString(eventFile);
            FunctionSetup shared = new FunctionSetup(taskRoot, function, stage.shared());
            ColdPaths cold = new ColdPaths(shared, event);
            FunctionSetup mapped = shared.withVariables(stage.mapped());
            boolean signInGroup = selection.has(Selection.Group.SIGNIN);
            boolean identity = selection.has(Selection.Group.IDENTITY);
            boolean events = selection.has(Selection.Group.EVENTS);
            FunctionSetup signInSetup = signInGroup ? shared.withVariables(stage.signIn()) : null;
            SignInRuns signIn = signInSetup == null ? null
                    : new SignInRuns(signInSetup, stage.provider(), stage.emulator().endpoint().toString());
            // The earlier build's twins run the same configurations with its code, each after a run of this one's.
            ColdPaths coldBefore = earlier == null ? null : new ColdPaths(earlier.runs(shared), event);
            SignInRuns signInBefore = earlier == null || signIn == null ? null : new SignInRuns(
                    earlier.runs(signInSetup), stage.provider(), stage.emulator().endpoint().toString());

            ManagedJava25 java25 = null;
            ManagedJava25 java25Cached = null;
            Map<String, String> withCds = null;
            if (baselines && jdk25.isPresent()) {
                System.err.println(elapsed(began) + "training the java25 model's AOT cache of the runtime client "
                        + "alone, and the experiment's with the function ...");
                java25 = ManagedJava25.runtimeClientOnly(jdk25.get(), work, shared, event);
                java25Cached = ManagedJava25.withFunction(jdk25.get(), work, shared, event);
            }
            if (baselines) {
                Path archive = work.resolve("function-appcds.jsa");
                Files.deleteIfExists(archive);
                cold.function(Map.of("JAVA_TOOL_OPTIONS", "-XX:ArchiveClassesAtExit=" + archive));
                withCds = Files.exists(archive) ? Map.of("JAVA_TOOL_OPTIONS", "-XX:SharedArchiveFile=" + archive)
                        : null;
            }
            ColdRows plan = new ColdRows(baselines, image != null, java25 != null, java25Cached != null,
                    withCds != null, identity, signIn != null, events, earlier != null);
            List<ColdRatio> misplaced = plan.notAdjacent(ColdRatio.ALL);
            if (!misplaced.isEmpty()) {
                throw new IllegalStateException("published ratios whose runs are not neighbours in a round: "
                        + misplaced.stream().map(ColdRatio::label).toList() + "; order: " + plan.order());
            }
            Contenders contenders = new Contenders(plan, new Contenders.Runners(cold, coldBefore, eventFile,
                    new Contenders.Twins<>(mapped, earlier == null ? null : earlier.runs(mapped)),
                    signIn == null ? null : shared.withTaskRoot(TaskRootVariants.withoutSignIn(taskRoot, work)),
                    events ? shared.withTaskRoot(TaskRootVariants.typed(taskRoot, work))
                            .withHandler(TaskRootVariants.TYPED_HANDLER) : null,
                    new Contenders.Twins<>(signIn, signInBefore),
                    baselines ? new Baselines(binaries, stage.emulator().endpoint(), shared) : null,
                    baselines ? Baselines.writeBoto3Script(work) : null, image, withCds, java25, java25Cached,
                    signIn == null || image == null ? null : signIn.asImage(image),
                    image == null ? null : imageFloor(image)));

            System.err.println(elapsed(began) + "warming up: " + warmups + " untimed rounds of " + contenders.size()
                    + " cold runs: " + String.join(", ", contenders.names()) + " ...");
            for (int i = 0; i < warmups; i++) {
                contenders.round(new Samples());
            }
            Samples samples = new Samples();
            System.err.println(elapsed(began) + "cold runs, interleaved: " + runs + " rounds ...");
            for (int i = 0; i < runs; i++) {
                contenders.round(samples);
            }

            System.err.println(elapsed(began) + "warm runs: " + warmRounds + " of each after as many to warm up ...");
            // Today's handler reads the variables, so they stay today's; the per-person one gets its mapping apart.
            FunctionSetup probe = identity ? shared.withVariables(Map.of("AWS_ENDPOINT_URL_STS",
                    stage.emulator().endpoint().toString())) : shared;
            List<JsonNode> warmAfter = new ArrayList<>();
            List<JsonNode> warmBefore = new ArrayList<>();
            for (int pair = 0; pair < (earlier == null ? 1 : pairs); pair++) {
                warmAfter.add(warm(WarmPath.Probe.current(), probe, eventFile, warmRounds, identity));
                if (earlier != null) {
                    warmBefore.add(warm(earlier.probe(), earlier.runs(probe), eventFile, warmRounds, identity));
                }
            }
            JsonNode warm = warmAfter.get(0);
            ClassLoadLog unused = null;
            ClassLoadLog used = null;
            if (signIn != null) {
                System.err.println(elapsed(began) + "warm sign-ins: " + signInRounds + " after as many to warm up ...");
                for (int pair = 0; pair < (signInBefore == null ? 1 : pairs); pair++) {
                    signIn.warm(signInRounds, signInRounds, samples, "");
                    if (signInBefore != null) {
                        signInBefore.warm(signInRounds, signInRounds, samples, ColdRows.BEFORE);
                    }
                }
                unused = classesLoaded(work.resolve("classes-default.log"), log -> Contenders.expect(302,
                        cold.function(Map.of("JAVA_TOOL_OPTIONS", log))));
                used = classesLoaded(work.resolve("classes-sign-in.log"), log -> new SignInRuns(signInSetup
                        .withVariables(Map.of("JAVA_TOOL_OPTIONS", log)), stage.provider(),
                        stage.emulator().endpoint().toString()).coldLogin());
            }
            Report.Java25Facts java25Facts = null;
            if (java25 != null) {
                ManagedJava25 shipped = java25;
                ManagedJava25 cached = java25Cached;
                java25Facts = new Report.Java25Facts(Machine.java(jdk25.get()), Files.size(java25.cache()),
                        classesLoaded(work.resolve("classes-java25.log"), log -> Contenders.expect(302,
                                cold.java25(shipped.withOption(log)))),
                        cached == null ? 0 : Files.size(cached.cache()),
                        cached == null ? null : classesLoaded(work.resolve("classes-java25-with-function.log"),
                                log -> Contenders.expect(302, cold.java25(cached.withOption(log)))));
            }
            Report report = new Report(selection, samples, warm, baselines ? ArtifactSize.zippedBytes(taskRoot) : 0,
                    binaries, image == null ? null : imageFacts(image, jdk25.get()), java25Facts, unused, used);

            System.err.println(elapsed(began) + "done");
            Path saved = work.resolve("samples.json");
            Files.writeString(saved, samples.toJson());
            System.err.println("every sample of this run: " + saved);
            System.out.println(report.table());
            List<String> noise = NoiseRule.DEFAULT.reasons(samples, report.published());
            String verdict = NoiseRule.DEFAULT.verdict(samples, report.published());
            System.out.println(verdict);
            if (earlier != null) {
                String table = new BeforeAfterRows(against, samples, signInRounds, warmAfter, warmBefore).table();
                System.out.println(table);
                Path beforeAfter = work.resolve("before-after.md");
                Files.writeString(beforeAfter, table);
                System.err.println("before and after: also in " + beforeAfter);
            }
            if (write && !noise.isEmpty()) {
                System.err.println("not written: the run is NOISY (above); rerun on a quiet machine");
            } else if (write) {
                writeResults(root, report, verdict);
                System.err.println("wrote local/bench/cold-path.svg, BENCHMARKS.md and the README's summary");
            }
        }
    }

    /** A QUIET run's results: the chart, BENCHMARKS.md's results (with the verdict) and the README's summary. */
    static void writeResults(Path root, Report report, String verdict) throws IOException {
        Path chart = root.resolve("local/bench/cold-path.svg");
        Files.createDirectories(chart.getParent());
        Files.writeString(chart, Chart.svg("Cold path: start to answer, one login, same emulator (ms)", report.bars()));
        replaceBetween(root.resolve("BENCHMARKS.md"), START, END, report.table() + "\nNoise rule: " + verdict + "\n");
        replaceBetween(root.resolve("README.md"), README_START, README_END, report.readmeSummary());
    }

    /** One warm probe run (with the per-person series when the identity group is on), parsed. */
    private static JsonNode warm(WarmPath.Probe probe, FunctionSetup setup, Path eventFile, int rounds,
                                 boolean identity) throws IOException, InterruptedException {
        return new ObjectMapper().readTree(WarmPath.measure(probe, setup, eventFile, rounds, rounds,
                identity ? Stage.ROLE_MAPPING : null, identity ? Stage.ROLE_ARNS : null, Stage.VIEWER_ROLE_ARN,
                List.of()));
    }

    /** {@code [123 s] }: the time since the run began, for its progress lines. */
    private static String elapsed(long began) {
        return "[" + (System.nanoTime() - began) / 1_000_000_000L + " s] ";
    }

    /** Something that runs a cold function with the given JVM option (in {@code JAVA_TOOL_OPTIONS} or its command). */
    @FunctionalInterface
    private interface LoggedRun {
        void run(String logOption) throws IOException;
    }

    /** Runs once with the JVM's class-loading log to {@code file} and reads it. */
    private static ClassLoadLog classesLoaded(Path file, LoggedRun run) throws IOException {
        Files.deleteIfExists(file);
        run.run("-Xlog:class+load:file=" + file);
        return ClassLoadLog.read(file);
    }

    /**
     * The image's floor: its entrypoint's JVM, AOT cache and runtime client with {@link RuntimeClientOnly} as the
     * handler, found on the benchmark's own classes appended to the image's class path (a JDK 25 cache accepts a
     * class path that starts with the one it was trained with).
     */
    static List<String> imageFloor(AotImage image) {
        List<String> command = new ArrayList<>(image.command());
        int classPath = command.indexOf("-cp") + 1;
        command.set(classPath, command.get(classPath) + java.io.File.pathSeparator
                + Path.of(RuntimeClientOnly.class.getProtectionDomain().getCodeSource().getLocation().getPath()));
        command.set(command.size() - 1, RuntimeClientOnly.class.getName() + "::handleRequest");
        return List.copyOf(command);
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

    static void replaceBetween(Path file, String startMarker, String endMarker, String content)
            throws IOException {
        String text = Files.readString(file);
        int start = text.indexOf(startMarker);
        int end = text.indexOf(endMarker);
        if (start < 0 || end < start || text.indexOf(startMarker, start + 1) >= 0) {
            throw new IllegalStateException(file + " must hold the " + startMarker + " / " + endMarker
                    + " markers once, in that order");
        }
        Files.writeString(file, text.substring(0, start + startMarker.length()) + "\n" + content + "\n"
                + text.substring(end));
    }
}
