package dev.mwaalogin.local.samcli;

import dev.mwaalogin.local.template.TemplateFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The project as a user has it after a clone, in {@code local/tests/target/sam-cli/}, built once per JVM with the real
 * {@code sam build}: the SAM CLI tests share that build (it is the slow part) and each deploys from its own copy of
 * it, so that what one writes ({@code samconfig.toml}, from {@code sam deploy --guided}) never reaches another.
 */
public final class SamProject {

    /** Where the SAM CLI tests work: under local/'s build output. */
    public static final Path WORK = TemplateFixtures.ROOT.resolve("local/tests/target/sam-cli");
    /** What a clone holds that SAM CLI reads (function/ without its build output). */
    private static final List<String> FILES = List.of("template.yaml", "template-image.yaml", "samconfig.toml",
            "README.md", "events", "function");

    /**
     * The shell of the shared build: the AWS variables a LocalStack user, a FIPS shop or a CI runner may have set,
     * and a profile file with an endpoint. The build must not care.
     */
    public static final Map<String, String> HOSTILE_SHELL = Map.of(
            "AWS_ENDPOINT_URL", "http://endpoint-url-in-the-shell.invalid",
            "AWS_ENDPOINT_URL_MWAA", "http://mwaa-endpoint-url-in-the-shell.invalid",
            "AWS_ENDPOINT_URL_STS", "http://sts-endpoint-url-in-the-shell.invalid",
            "AWS_USE_FIPS_ENDPOINT", "true",
            "AWS_USE_DUALSTACK_ENDPOINT", "true",
            "AWS_REGION", "ap-southeast-2",
            "AWS_DEFAULT_REGION", "ap-southeast-2",
            "AWS_MAX_ATTEMPTS", "9",
            "AWS_CONFIG_FILE", TemplateFixtures.ROOT.resolve("function/src/test/resources/shell-aws-config")
                    .toString());

    /**
     * The shared build.
     *
     * @param dir    the project it was built in
     * @param result what {@code sam build} printed and returned
     * @param took   how long it took
     */
    public record Built(Path dir, SamCli.Result result, Duration took) {

        /** SAM's build output for a function, e.g. {@code .aws-sam/build/LoginFunction}. */
        public Path artifacts(String function) {
            return dir.resolve(".aws-sam/build").resolve(function);
        }
    }

    private static Built built;

    private SamProject() {
    }

    /**
     * {@code sam build} exactly as the README has it, run once per JVM in a fresh copy of the project, in
     * {@link #HOSTILE_SHELL}.
     */
    public static synchronized Built built() throws IOException, InterruptedException {
        SamCli.require();
        if (built == null) {
            Path dir = copy(WORK.resolve("built"));
            long started = System.nanoTime();
            SamCli.Result result = SamCli.run(dir, HOSTILE_SHELL, Duration.ofMinutes(10),
                    WORK.resolve("logs/sam-build.log"), "build");
            built = new Built(dir, result, Duration.ofNanos(System.nanoTime() - started));
        }
        return built;
    }

    /** A copy of the project as it is after the shared build (its .aws-sam/build), with its own samconfig.toml. */
    public static Path workspace(String name) throws IOException, InterruptedException {
        Built source = built();
        Path dir = copy(WORK.resolve("workspaces").resolve(name));
        copyTree(source.dir().resolve(".aws-sam/build"), dir.resolve(".aws-sam/build"));
        return dir;
    }

    /** A fresh copy of the project's files, not built. */
    public static Path copy(Path dir) throws IOException {
        delete(dir);
        Files.createDirectories(dir);
        for (String name : FILES) {
            Path from = TemplateFixtures.ROOT.resolve(name);
            if (Files.isDirectory(from)) {
                copyTree(from, dir.resolve(name));
            } else {
                Files.copy(from, dir.resolve(name));
            }
        }
        return dir;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path relative = from.relativize(source);
                if (relative.startsWith("target") || relative.toString().contains("/target/")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
