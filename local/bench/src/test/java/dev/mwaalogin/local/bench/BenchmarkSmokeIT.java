package dev.mwaalogin.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private static String tail(String printed) {
        List<String> lines = printed.lines().toList();
        return "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
