package dev.mwaalogin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of {@code function/Dockerfile} without a Docker engine: that its final image trains with the
 * script the tests run, starts the way that script says, runs as no root, and takes in no secret. It reads only this
 * folder (the image's build context), so it runs wherever function/ builds on its own; local/'s {@code AotImageIT}
 * runs the training itself.
 */
class DockerfileTest {

    /** Maven runs the tests in the module's folder: function/, the Docker build's context. */
    private static final Path FUNCTION = Path.of("").toAbsolutePath();

    private final String dockerfile = read("Dockerfile");
    private final List<String> finalStage = List.of(dockerfile.substring(dockerfile.lastIndexOf("\nFROM ")).split("\n"));

    @Test
    void theFinalImageIsAmazonCorretto25AndTrainsItsCacheWithAotTrainInPlace() {
        assertTrue(finalStage.get(1).matches("FROM \\S*amazoncorretto:25-al2023\\S*"), finalStage.get(1));
        assertTrue(dockerfile.contains("/build/image/aot-train /var/task"), "trains with the script the tests run");
        assertTrue(dockerfile.contains("COPY image/aot-train "), "the script from the repository, not a copy");
    }

    @Test
    void theEntrypointIsJavaWithTheArgumentFileAotTrainWritesAndTheHandlerAsCommand() throws IOException {
        assertTrue(finalStage.contains("ENTRYPOINT [\"java\", \"@/var/task/jvm.args\"]"), dockerfile);
        String script = read("image/aot-train");
        Matcher handler = Pattern.compile("(?m)^handler=(\\S+)$").matcher(script);
        assertTrue(handler.find());
        assertTrue(finalStage.contains("CMD [\"" + handler.group(1) + "\"]"), "CMD is the handler aot-train names");
        assertTrue(script.contains("> \"$task_root/jvm.args\""));
    }

    @Test
    void itRunsAsNoRootAndTakesInNoSecret() throws IOException {
        String user = finalStage.stream().filter(line -> line.startsWith("USER ")).reduce((a, b) -> b).orElse("");
        assertFalse(user.isEmpty(), "a USER line");
        assertFalse(user.matches("USER\\s+(root|0)(:.*)?"), user);
        assertFalse(Pattern.compile("(?im)^\\s*(ARG|ENV)\\s+\\S*(AWS_|SECRET|TOKEN|PASSWORD)").matcher(dockerfile).find());
        assertFalse(dockerfile.contains("--secret"));
        assertEquals(List.of("target/", "image/target/"), Files.readAllLines(FUNCTION.resolve(".dockerignore")),
                "no local build output in the context: the image builds from source");
    }

    private static String read(String file) {
        try {
            return Files.readString(FUNCTION.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
