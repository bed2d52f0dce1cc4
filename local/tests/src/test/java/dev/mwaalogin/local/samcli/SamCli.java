package dev.mwaalogin.local.samcli;

import dev.mwaalogin.local.Tools;
import dev.mwaalogin.local.template.TemplateFixtures;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real AWS SAM CLI, as a user runs it: {@code sam} on the PATH, else the copy beside this project
 * ({@code ../shared/tools/sam}, or {@code /work/shared/tools/sam}). Every run starts from a clean AWS environment:
 * none of the machine's {@code AWS_*} variables or profile files, only what the test gives it.
 */
public final class SamCli {

    /** How a run ended, with everything it printed (standard output and error together). */
    public record Result(int exitCode, String output) {
    }

    private static final String MISSING = "the AWS SAM CLI (`sam`): pip install aws-sam-cli, or put it on the PATH "
            + "(this project also looks for ../shared/tools/sam)";

    private static Path python;

    private SamCli() {
    }

    /** The {@code sam} this machine has, if any. */
    public static Optional<Path> locate() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "sam");
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        for (Path candidate : List.of(TemplateFixtures.ROOT.resolve("../shared/tools/sam").normalize(),
                Path.of("/work/shared/tools/sam"))) {
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The {@code sam} to run; skips the calling test (fails it under CI) when there is none. */
    public static Path require() {
        Optional<Path> sam = locate();
        Tools.require(sam.isPresent(), MISSING);
        return sam.orElseThrow();
    }

    /**
     * The interpreter behind {@code python3}: on machines where {@code python3} is a version manager's shim, every
     * start through the shim costs a few hundred milliseconds, and the SAM CLI tests start python dozens of times.
     */
    public static synchronized Path python() {
        if (python == null) {
            try {
                Process process = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)")
                        .redirectErrorStream(true).start();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                Tools.require(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0 && !out.isEmpty(),
                        "python3");
                python = Path.of(out);
            } catch (IOException e) {
                Tools.require(false, "python3 (" + e.getMessage() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return python;
    }

    /** A script of this project's test resources, e.g. {@code sam-cli/pty_session.py}. */
    public static Path resource(String name) {
        try {
            return Path.of(SamCli.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The environment of every run: the machine's, without anything AWS (no variable, no profile file, no instance
     * metadata), with telemetry off, plus {@code extra}.
     */
    public static Map<String, String> environment(Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.put("AWS_CONFIG_FILE", "/nonexistent/aws-config");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws-credentials");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("SAM_CLI_TELEMETRY", "0");
        // Wide enough that SAM CLI's change set tables keep each row on one line.
        env.put("COLUMNS", "250");
        // Read by ../shared/tools/sam, which otherwise asks python3 for its interpreter on every start.
        env.put("SAM_PYTHON", python().toString());
        env.putAll(extra);
        return env;
    }

    /** Runs {@code sam args...} in {@code dir}; what it prints goes to {@code log} too. */
    public static Result run(Path dir, Map<String, String> extraEnvironment, Duration timeout, Path log,
                             String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(require().toString()));
        command.addAll(List.of(args));
        return runCommand(dir, extraEnvironment, timeout, log, command);
    }

    /** Runs any command with the SAM CLI tests' environment ({@link #environment}). */
    public static Result runCommand(Path dir, Map<String, String> extraEnvironment, Duration timeout, Path log,
                                    List<String> command) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment(extraEnvironment));
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + timeout.toSeconds() + " s:\n"
                    + Files.readString(log));
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
