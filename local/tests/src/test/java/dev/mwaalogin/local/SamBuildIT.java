package dev.mwaalogin.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mwaalogin.local.runtime.TaskRoot;
import dev.mwaalogin.local.samcli.SamCli;
import dev.mwaalogin.local.samcli.SamProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The real SAM CLI on a fresh copy of the project: {@code sam validate --lint} on both root templates, and
 * {@code sam build} (its Maven workflow: {@code mvn clean install} in a scratch copy of function/, then
 * {@code mvn dependency:copy-dependencies}) in a shell whose AWS variables point elsewhere. What it builds for
 * LoginFunction is what {@code local/run} runs: the same classes, the same jars.
 */
class SamBuildIT {

    /** SAM's Maven workflow names the copied jars {@code groupId.artifactId-version.jar}. */
    private static final Pattern GROUPED_JAR = Pattern.compile("(.+?)\\.([A-Za-z0-9_-]+-[0-9][^/]*\\.jar)");

    @Test
    void samValidateLintPassesOnTheDefaultTemplateAndTheImageOne() throws Exception {
        Path dir = SamProject.copy(SamProject.WORK.resolve("validate"));
        SamCli.Result zip = SamCli.run(dir, Map.of(), Duration.ofMinutes(3), SamProject.WORK.resolve(
                "logs/sam-validate.log"), "validate", "--lint");
        assertEquals(0, zip.exitCode(), zip.output());
        assertTrue(zip.output().contains("template.yaml is a valid SAM Template"), zip.output());
        SamCli.Result image = SamCli.run(dir, Map.of(), Duration.ofMinutes(3), SamProject.WORK.resolve(
                "logs/sam-validate-image.log"), "validate", "--config-env", "image");
        assertEquals(0, image.exitCode(), image.output());
        assertTrue(image.output().contains("template-image.yaml is a valid SAM Template"), image.output());
    }

    @Test
    void samBuildInAShellFullOfAwsSettingsBuildsWhatLocalRunRuns() throws Exception {
        SamProject.Built built = SamProject.built();
        assertEquals(0, built.result().exitCode(), built.result().output());
        assertTrue(built.result().output().contains("Build Succeeded"), built.result().output());
        System.out.println("sam build took " + built.took().toSeconds() + " s");

        Path sam = built.artifacts("LoginFunction");
        Path local = TaskRoot.assemble(EventsIT.ROOT.resolve("function"));
        Map<String, byte[]> samClasses = files(sam, "lib");
        Map<String, byte[]> localClasses = files(local, "lib");
        assertEquals(localClasses.keySet(), samClasses.keySet(), "the same classes and resources at the task root");
        localClasses.forEach((name, bytes) -> assertArrayEquals(bytes, samClasses.get(name), name));

        Map<String, byte[]> samJars = new TreeMap<>();
        files(sam.resolve("lib"), null).forEach((name, bytes) -> {
            Matcher grouped = GROUPED_JAR.matcher(name);
            assertTrue(grouped.matches(), name);
            samJars.put(grouped.group(2), bytes);
        });
        Map<String, byte[]> localJars = files(local.resolve("lib"), null);
        assertEquals(localJars.keySet(), samJars.keySet(), "the same jars in lib/");
        localJars.forEach((name, bytes) -> assertArrayEquals(bytes, samJars.get(name), name));

        // The lean runtime set: the event types (no joda-time, which only other event types need), no Jackson, no
        // runtime client, one HTTP client, nothing of local/'s or of the tests'.
        List<String> jars = List.copyOf(samJars.keySet());
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("mwaa-")), jars::toString);
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("url-connection-client-")), jars::toString);
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("aws-lambda-java-events-")), jars::toString);
        for (String excluded : List.of("apache-client", "netty-nio-client", "junit", "jqwik",
                "aws-lambda-java-runtime", "joda-time", "jackson-databind", "snakeyaml", "mock-oauth2-server",
                "kotlin")) {
            assertFalse(jars.stream().anyMatch(j -> j.startsWith(excluded)), excluded + " in " + jars);
        }
        assertTrue(samClasses.containsKey("dev/mwaalogin/lambda/HttpApiHandler.class"));
        assertTrue(samClasses.containsKey("dev/mwaalogin/lambda/RestApiHandler.class"));
        assertFalse(samClasses.keySet().stream().anyMatch(name -> name.contains("/local/")), "nothing of local/");
        // The REST function is the same code: SAM builds function/ once and copies it.
        assertEquals(samClasses.keySet(), files(built.artifacts("RestLoginFunction"), "lib").keySet());
    }

    /** Every file under {@code root}, by relative path, leaving out the {@code skip} folder. */
    private static Map<String, byte[]> files(Path root, String skip) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.filter(Files::isRegularFile).toList()) {
                Path relative = root.relativize(path);
                if (skip == null || !relative.startsWith(skip)) {
                    files.put(relative.toString(), Files.readAllBytes(path));
                }
            }
        }
        return files;
    }
}
