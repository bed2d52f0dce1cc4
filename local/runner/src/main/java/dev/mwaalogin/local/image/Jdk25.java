package dev.mwaalogin.local.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds a JDK 25 for the container-image path: {@code JAVA25_HOME} if set, else the newest
 * {@code /usr/lib/jvm/temurin-25*}. The image itself brings its own (Amazon Corretto 25).
 */
public final class Jdk25 {

    private static final Path JVMS = Path.of("/usr/lib/jvm");

    private Jdk25() {
    }

    public static Optional<Path> locate() {
        String configured = System.getenv("JAVA25_HOME");
        if (configured != null && !configured.isBlank()) {
            Path home = Path.of(configured);
            if (!Files.isExecutable(home.resolve("bin/java"))) {
                throw new IllegalStateException("JAVA25_HOME=" + configured + " has no bin/java");
            }
            return Optional.of(home);
        }
        if (!Files.isDirectory(JVMS)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(JVMS)) {
            return homes.filter(home -> home.getFileName().toString().startsWith("temurin-25"))
                    .filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .max(Comparator.comparing(Path::toString));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** What to say when there is none. */
    public static String missing() {
        return "no JDK 25: set JAVA25_HOME or install one under /usr/lib/jvm/temurin-25*";
    }
}
