package dev.mwaalogin.local.bench;

import dev.mwaalogin.local.Template;
import dev.mwaalogin.local.image.Jdk25;
import dev.mwaalogin.local.runtime.FunctionProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * {@code local/run image-ab TASK_ROOT...}: before and after for the container image's cold {@code /login}, interleaved.
 * Each argument is a task root that {@code function/image/aot-train} laid out and trained (its {@code jvm.args} and
 * AOT cache): one from this checkout and one from a worktree of another revision, say, or two from one checkout with
 * an option changed in one {@code jvm.args}. Every round starts each once, the order reversed every other round, with
 * the image's entrypoint ({@code java @jvm.args} and the handler) against the same emulator, variables and event as
 * the benchmark's image row ({@code -Dab.config=mapped}: per-person identity instead). It prints each one's median
 * wall time, init and CPU time, and its per-round ratios to the first with their middle half. With
 * {@code -Dab.requests=400}, each task root then starts once a round more and answers that many logins in a row: the
 * medians of the Runtime API's invoke times of requests 2–10, 11–100 and 101 on show what a change to the JIT's
 * options does to the requests after a cold start. It writes nothing.
 */
public final class ImageAb {

    private static final String HANDLER = "dev.mwaalogin.lambda.HttpApiHandler::handleRequest";

    /** Requests after the cold one, by their number: 2–10, 11–100, 101 to the last ({@code -1}). */
    private static final int[][] BUCKETS = {{2, 10}, {11, 100}, {101, -1}};

    private ImageAb() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: local/run image-ab TASK_ROOT TASK_ROOT... [-Dab.rounds=20 -Dab.config=mapped]");
            System.exit(2);
        }
        Path root = Path.of(System.getProperty("bench.project", ".")).toAbsolutePath().normalize();
        int rounds = Integer.parseInt(System.getProperty("ab.rounds", "20"));
        Path java = Jdk25.locate().orElseThrow(() -> new IllegalStateException(Jdk25.missing())).resolve("bin/java");
        List<Path> taskRoots = new ArrayList<>();
        for (String arg : args) {
            Path taskRoot = Path.of(arg).toAbsolutePath().normalize();
            if (!Files.isRegularFile(taskRoot.resolve("jvm.args"))) {
                throw new IllegalArgumentException(taskRoot + " has no jvm.args: run function/image/aot-train first");
            }
            taskRoots.add(taskRoot);
        }
        Template.Function function = Template.read(root.resolve("template.yaml")).function("LoginFunction");
        String event = Files.readString(root.resolve("events/http-redirect.json"));
        Samples samples = new Samples();
        try (Stage stage = Stage.start(function, false)) {
            FunctionSetup setup = new FunctionSetup(taskRoots.get(0), function, stage.shared());
            if ("mapped".equals(System.getProperty("ab.config"))) {
                setup = setup.withVariables(stage.mapped());
            }
            ColdPaths cold = new ColdPaths(setup, event);
            for (int round = -1; round < rounds; round++) {
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < taskRoots.size(); i++) {
                    order.add(i);
                }
                if ((round & 1) == 1) {
                    Collections.reverse(order);
                }
                for (int i : order) {
                    ColdPaths.FunctionRun run = Contenders.expect(302, cold.image(taskRoots.get(i),
                            command(java, taskRoots.get(i))));
                    if (round >= 0) {
                        samples.add(i + "", run.totalMs());
                        samples.add(i + "init", run.initMs());
                        samples.add(i + "cpu", run.cpuMs());
                    }
                }
            }
            System.out.print(table(samples, taskRoots, rounds));
            int requests = Integer.parseInt(System.getProperty("ab.requests", "0"));
            if (requests > 100) {
                Samples after = new Samples();
                for (int round = 0; round < rounds; round++) {
                    for (int i = 0; i < taskRoots.size(); i++) {
                        afterColdStart(java, taskRoots.get(i), setup, event, requests, i, after);
                    }
                }
                System.out.print(requestsTable(after, taskRoots, requests));
            }
        }
    }

    /** The requests {@code 2..requests} after one cold start: each bucket's median invoke time, in ms. */
    private static void afterColdStart(Path java, Path taskRoot, FunctionSetup setup, String event, int requests,
                                       int index, Samples after) throws IOException {
        double[] ms = new double[requests];
        try (FunctionProcess process = FunctionProcess.start(command(java, taskRoot), taskRoot, setup.function(),
                setup.environment(), line -> { })) {
            process.awaitInit();
            for (int request = 0; request < requests; request++) {
                ms[request] = process.invoke(event).duration().toNanos() / 1e6;
            }
        }
        Stats all = new Stats(ms);
        for (int[] bucket : BUCKETS) {
            int last = bucket[1] < 0 ? requests : bucket[1];
            after.add(index + "r" + bucket[0], all.slice(bucket[0] - 1, last - bucket[0] + 1).median());
        }
    }

    static String requestsTable(Samples after, List<Path> taskRoots, int requests) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%nthe %d requests after a cold start, "
                + "one process a round each: the median per round of a bucket's invoke times, then their median "
                + "(middle half)%n%n| task root | requests 2–10 | 11–100 | 101–%d |%n|---|---:|---:|---:|%n",
                requests, requests));
        for (int i = 0; i < taskRoots.size(); i++) {
            out.append("| ").append(taskRoots.get(i));
            for (int[] bucket : BUCKETS) {
                Stats stats = after.stats(i + "r" + bucket[0]);
                out.append(String.format(Locale.ROOT, " | %.2f ms (%.2f–%.2f)", stats.median(), stats.q1(),
                        stats.q3()));
            }
            out.append(" |\n");
        }
        return out.toString();
    }

    /** The image's entrypoint for a task root: its JVM arguments file, then the handler. */
    static List<String> command(Path java, Path taskRoot) {
        return List.of(java.toString(), "@" + taskRoot.resolve("jvm.args"), HANDLER);
    }

    static String table(Samples samples, List<Path> taskRoots, int rounds) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%d rounds, interleaved; ratios are to %s, "
                + "per round, median (middle half)%n%n| task root | wall | init | CPU | wall ratio | CPU ratio |%n"
                + "|---|---:|---:|---:|---:|---:|%n", rounds, taskRoots.get(0)));
        for (int i = 0; i < taskRoots.size(); i++) {
            Stats wall = samples.ratios(i + "", "0");
            Stats cpu = samples.ratios(i + "cpu", "0cpu");
            out.append(String.format(Locale.ROOT, "| %s | %.0f ms | %.0f ms | %.0f ms | %.3f (%.3f–%.3f) | %.3f "
                            + "(%.3f–%.3f) |%n", taskRoots.get(i), samples.median(i + ""), samples.median(i + "init"),
                    samples.median(i + "cpu"), wall.median(), wall.q1(), wall.q3(), cpu.median(), cpu.q1(),
                    cpu.q3()));
        }
        return out.toString();
    }
}
