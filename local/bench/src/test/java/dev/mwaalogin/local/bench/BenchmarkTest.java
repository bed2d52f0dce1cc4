package dev.mwaalogin.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mwaalogin.local.image.AotImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkTest {

    @Test
    void theImagesFloorIsItsOwnCommandWithAnEmptyHandlerFoundAfterItsClassPath() {
        AotImage image = new AotImage(Path.of("/task"), Path.of("/task/mwaa-login.aot"), List.of("/jdk/bin/java",
                "-XX:AOTCache=/task/mwaa-login.aot", "-XX:TieredStopAtLevel=1", "-cp", "/task/f.jar:/task/lib/a.jar",
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                "dev.mwaalogin.lambda.HttpApiHandler::handleRequest"), "");
        List<String> floor = Benchmark.imageFloor(image);
        assertEquals(image.command().subList(0, 4), floor.subList(0, 4), "the same JVM, cache and options");
        assertTrue(floor.get(4).startsWith("/task/f.jar:/task/lib/a.jar:"), "the trained class path first: "
                + floor.get(4));
        assertEquals(image.command().get(5), floor.get(5), "the runtime client");
        assertEquals(RuntimeClientOnly.class.getName() + "::handleRequest", floor.get(6));
    }

    @Test
    void replacesWhatIsBetweenTheMarkersAndNothingElse(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("doc.md"), "before\n<!-- a -->\nold\n<!-- b -->\nafter\n");
        Benchmark.replaceBetween(file, "<!-- a -->", "<!-- b -->", "new\nlines");
        assertEquals("before\n<!-- a -->\nnew\nlines\n<!-- b -->\nafter\n", Files.readString(file));
    }

    @Test
    void refusesAFileWhoseMarkersAreMissingOutOfOrderOrTwice(@TempDir Path dir) throws IOException {
        for (String text : new String[] {"no markers", "<!-- b --> <!-- a -->",
            "<!-- a --> x <!-- b --> [<!-- a --> y <!-- b -->]"}) {
            Path file = Files.writeString(dir.resolve("doc.md"), text);
            assertThrows(IllegalStateException.class,
                    () -> Benchmark.replaceBetween(file, "<!-- a -->", "<!-- b -->", "new"), text);
            assertEquals(text, Files.readString(file), "left as it was");
        }
    }

    @Test
    void aQuietRunOfEveryGroupWritesThePageTheReadmeAndTheChart(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve("BENCHMARKS.md"), "# B\n<!-- bench:start -->\nold\n<!-- bench:end -->\nrest\n");
        Files.writeString(root.resolve("README.md"), "# R\n<!-- bench:readme:start -->\nold\n"
                + "<!-- bench:readme:end -->\n");
        Samples samples = new Samples();
        String[] names = {"own", "own#2", "own#3", "cold", "init", "invoke", "rss", "boto3", "cli", "floor", "mapped",
            "ownWithoutSignIn", "signInLogin", "signInInit", "signInFirstCallback", "signInBearer", "signInWarmLogin",
            "signInWarmCallback", "signInWarmBearer", "providerToken", "typed", "typedInit", "typedInvoke"};
        for (int round = 0; round < 25; round++) {
            for (int i = 0; i < names.length; i++) {
                samples.add(names[i], 100 + 10 * i + round % 3);
            }
        }
        Report report = new Report(Selection.all(), samples, new ObjectMapper().readTree("{"
                + "\"handler\":{\"p50\":1000,\"p99\":3000},\"rawSdk\":{\"p50\":800,\"p99\":2000},"
                + "\"handlerOffline\":{\"p50\":100,\"p99\":300},\"rawSdkOffline\":{\"p50\":80,\"p99\":200},"
                + "\"mappedHit\":{\"p50\":1050,\"p99\":3100},\"mappedMiss\":{\"p50\":2000,\"p99\":5000},"
                + "\"rawAssumeRole\":{\"p50\":900,\"p99\":2500}}"), 7_000_000, new RealBinaries(
                Path.of("/usr/bin/python3"), "3.11.7", List.of("aws"), "aws-cli/1.45"), null, null,
                ClassLoadLog.parse(List.of()), ClassLoadLog.parse(List.of()));
        String verdict = NoiseRule.DEFAULT.verdict(samples, report.published());
        assertTrue(verdict.startsWith("QUIET"), verdict);
        Benchmark.writeResults(root, report, verdict);
        String page = Files.readString(root.resolve("BENCHMARKS.md"));
        assertTrue(page.startsWith("# B\n<!-- bench:start -->\nRun ") && page.endsWith("<!-- bench:end -->\nrest\n"),
                page);
        assertTrue(page.contains("| cold, zip / boto3 script | 0.65 | 0.65–0.65 | ≤ 1.00 |"), page);
        assertTrue(page.contains("### Event types") && page.contains("Noise rule: QUIET"), page);
        String readme = Files.readString(root.resolve("README.md"));
        assertTrue(readme.contains("**Per-person identity**") && readme.contains("**Browser sign-in**")
                && !readme.contains("\nold\n"), readme);
        assertTrue(Files.readString(root.resolve("local/bench/cold-path.svg")).startsWith("<svg"));
    }
}
