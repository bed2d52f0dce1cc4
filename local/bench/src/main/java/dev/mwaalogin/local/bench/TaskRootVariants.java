package dev.mwaalogin.local.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Variants of the built task root for the rows that compare the function with something added or taken away. */
final class TaskRootVariants {

    static final String TYPED_HANDLER = "dev.mwaalogin.local.bench.TypedHttpApiHandler::handleRequest";
    private static final String TYPED_CLASS = "dev/mwaalogin/local/bench/TypedHttpApiHandler.class";

    /**
     * What only browser sign-in uses and the default configuration never loads: its OpenID Connect package, its
     * in-memory provider for priming and its secrets class, nimbus-jose-jwt and the Secrets Manager client.
     */
    static final List<String> SIGN_IN_ONLY = List.of("dev/mwaalogin/oidc/", "dev/mwaalogin/priming/CannedProvider",
            "dev/mwaalogin/signin/SignInSecrets", "lib/nimbus-jose-jwt-", "lib/secretsmanager-");

    private TaskRootVariants() {
    }

    /**
     * The task root plus the benchmark's typed handler ({@code TypedHttpApiHandler}) and joda-time in
     * {@code lib/}, which the runtime's event mapping loads: the function as it would be deployed had it left the
     * event to the runtime.
     */
    static Path typed(Path taskRoot, Path work) throws IOException {
        Path typed = work.resolve("typed-task");
        copy(taskRoot, typed, path -> true);
        try (InputStream handler = TaskRootVariants.class.getClassLoader().getResourceAsStream(TYPED_CLASS)) {
            if (handler == null) {
                throw new IOException(TYPED_CLASS + " is not on the benchmark's class path");
            }
            Files.createDirectories(typed.resolve(TYPED_CLASS).getParent());
            Files.copy(handler, typed.resolve(TYPED_CLASS), StandardCopyOption.REPLACE_EXISTING);
        }
        Path joda;
        try {
            joda = Path.of(Class.forName("org.joda.time.DateTime", false, TaskRootVariants.class.getClassLoader())
                    .getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException | java.net.URISyntaxException e) {
            throw new IOException("joda-time is not on the benchmark's class path", e);
        }
        Files.copy(joda, typed.resolve("lib").resolve(joda.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        return typed;
    }

    /** The task root less {@link #SIGN_IN_ONLY}: the same build as if browser sign-in had never been written. */
    static Path withoutSignIn(Path taskRoot, Path work) throws IOException {
        Path stripped = work.resolve("no-sign-in-task");
        copy(taskRoot, stripped, path -> SIGN_IN_ONLY.stream().noneMatch(
                prefix -> taskRoot.relativize(path).toString().replace('\\', '/').startsWith(prefix)));
        return stripped;
    }

    /** Copies the files {@code keep} accepts, replacing whatever {@code to} held. */
    static void copy(Path from, Path to, Predicate<Path> keep) throws IOException {
        if (Files.exists(to)) {
            try (Stream<Path> old = Files.walk(to)) {
                for (Path path : old.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                    Files.delete(path);
                }
            }
        }
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (keep.test(source)) {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
