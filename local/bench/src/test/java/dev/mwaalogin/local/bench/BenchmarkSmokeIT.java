package dev.mwaalogin.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mwaalogin.local.Template;
import dev.mwaalogin.local.runtime.TaskRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark still runs end to end on today's code: one small group, one round, printing only. A benchmark is run
 * by hand and rarely; without this, a change elsewhere (a class moved to another module) breaks it unnoticed until
 * the next publication run. It measures nothing: the numbers of a one-round run mean nothing.
 */
class BenchmarkSmokeIT {

    /** The checkout: this module is local/bench. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();

    @Test
    void oneRoundOfTheIdentityGroupRunsAndPrintsItsTables(@TempDir Path work) throws Exception {
        Path output = work.resolve("out.txt");
        Process bench = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dbench.project=" + ROOT, "-Dbench.only=identity", "-Dbench.runs=1", "-Dbench.warmups=0",
                "-Dbench.warm=20", "-Dbench.write=false",
                "-cp", System.getProperty("java.class.path"), Benchmark.class.getName())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertTrue(bench.waitFor(5, TimeUnit.MINUTES), "the benchmark did not finish within 5 minutes");
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertEquals(0, bench.exitValue(), "the benchmark failed:" + tail(printed));
        assertTrue(printed.contains("Per-person identity"), tail(printed));
        assertTrue(printed.contains("warm: per person, a new person"), tail(printed));
    }

    @Test
    void aFunctionWithoutSignInNeedsNoneOfTheSignInCode(@TempDir Path work) throws Exception {
        // The benchmark's row for it, and the promise that a function without sign-in loads none of it at cold start.
        Template.Function function = Template.read(ROOT.resolve("template.yaml")).function("LoginFunction");
        Path taskRoot = TaskRoot.assemble(ROOT.resolve("function"));
        Path stripped = TaskRootVariants.withoutSignIn(taskRoot, work);
        try (var files = Files.walk(stripped)) {
            assertEquals(List.of(), files.filter(f -> f.toString().contains("/dev/mwaalogin/oidc/")
                    && Files.isRegularFile(f)).toList(), "the variant holds no class of the oidc package");
        }
        try (Stage stage = Stage.start(function, false)) {
            FunctionSetup setup = new FunctionSetup(taskRoot, function, stage.shared());
            ColdPaths cold = new ColdPaths(setup, Files.readString(ROOT.resolve("events/http-redirect.json")));
            Path event = work.resolve("event.json");
            Files.copy(ROOT.resolve("events/http-redirect.json"), event);
            // Positive control: the whole task root answers; then the stripped one must too (functionOwn checks 302).
            assertTrue(cold.functionOwn(setup, event, List.of()) > 0);
            assertTrue(cold.functionOwn(setup.withTaskRoot(stripped), event, List.of()) > 0);
        }
    }

    private static String tail(String printed) {
        List<String> lines = printed.lines().toList();
        return "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
