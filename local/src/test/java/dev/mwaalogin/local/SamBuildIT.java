package dev.mwaalogin.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Does what {@code sam build} does with {@code CodeUri: function/}: copies that folder alone somewhere else, runs
 * {@code mvn clean install} there, then copies the runtime dependencies. Proves the function builds with no parent
 * POM from this repository and that only the lean runtime set would be uploaded.
 */
class SamBuildIT {

    @TempDir
    Path scratch;

    @Test
    void theFunctionFolderBuildsOnItsOwn() throws Exception {
        Path source = EventsIT.ROOT.resolve("function");
        Path copy = scratch.resolve("function");
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path path : walk.filter(p -> !source.relativize(p).startsWith("target")).toList()) {
                Path target = copy.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        assertEquals(0, mvn(copy, "clean", "install"), "mvn clean install in a lone copy of function/");
        assertEquals(0, mvn(copy, "dependency:copy-dependencies", "-DincludeScope=runtime"));

        Set<String> jars;
        try (Stream<Path> files = Files.list(copy.resolve("target/dependency"))) {
            jars = files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("mwaa-")), jars.toString());
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("url-connection-client-")), jars.toString());
        // The event library's types, filled by the handlers themselves: no joda-time (only other event types need
        // it), no Jackson, no runtime client, no HTTP client but one, nothing of local/'s.
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("aws-lambda-java-events-")), jars.toString());
        for (String excluded : List.of("apache-client", "netty-nio-client", "junit", "aws-lambda-java-runtime",
                "joda-time", "jackson-databind", "snakeyaml", "mock-oauth2-server", "kotlin")) {
            assertFalse(jars.stream().anyMatch(j -> j.startsWith(excluded)), excluded + " in " + jars);
        }
        try (Stream<Path> classes = Files.walk(copy.resolve("target/classes"))) {
            assertFalse(classes.anyMatch(p -> p.toString().contains("/local/")), "no local tools in the function");
        }
        assertTrue(Files.exists(copy.resolve("target/classes/dev/mwaalogin/HttpApiHandler.class")));
        assertTrue(Files.exists(copy.resolve("target/classes/dev/mwaalogin/RestApiHandler.class")));
    }

    private static int mvn(Path dir, String... goals) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("mvn", "-B", "-q"));
        command.addAll(List.of(goals));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("../mvn-" + goals[0] + ".log").toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return -1;
        }
        if (process.exitValue() != 0) {
            System.out.println(Files.readString(dir.resolve("../mvn-" + goals[0] + ".log")));
        }
        return process.exitValue();
    }
}
