package dev.mwaalogin.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskRootVariantsTest {

    private static Path taskRoot(Path dir) throws IOException {
        Path root = dir.resolve("lambda-task");
        for (String file : List.of("dev/mwaalogin/LoginService.class", "dev/mwaalogin/signin/BrowserSignIn.class",
                "dev/mwaalogin/priming/CannedProvider.class", "dev/mwaalogin/signin/SignInSecrets$Values.class",
                "dev/mwaalogin/oidc/CookieSeal.class", "dev/mwaalogin/internal/Cookies.class",
                "lib/nimbus-jose-jwt-10.10.jar", "lib/secretsmanager-2.40.2.jar", "lib/sdk-core-2.40.2.jar",
                "lib/sts-2.40.2.jar")) {
            Path path = root.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, file);
        }
        return root;
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void withoutSignInKeepsWhatTheDefaultConfigurationLoads(@TempDir Path dir) throws IOException {
        Path stripped = TaskRootVariants.withoutSignIn(taskRoot(dir), dir);
        assertEquals(List.of("dev/mwaalogin/LoginService.class", "dev/mwaalogin/internal/Cookies.class",
                "dev/mwaalogin/signin/BrowserSignIn.class", "lib/sdk-core-2.40.2.jar", "lib/sts-2.40.2.jar"),
                files(stripped));
    }

    @Test
    void typedAddsTheTypedHandlerAndJodaTime(@TempDir Path dir) throws IOException {
        Path root = taskRoot(dir);
        Path typed = TaskRootVariants.typed(root, dir);
        List<String> files = files(typed);
        assertTrue(files.contains("dev/mwaalogin/local/bench/TypedHttpApiHandler.class"), files.toString());
        assertTrue(files.stream().anyMatch(f -> f.matches("lib/joda-time-[0-9.]+\\.jar")), files.toString());
        assertEquals(files(root).size() + 2, files.size(), "everything else as it was");
        // Again: the old copy is replaced, not added to.
        assertEquals(files, files(TaskRootVariants.typed(root, dir)));
    }
}
