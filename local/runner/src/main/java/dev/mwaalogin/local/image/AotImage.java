package dev.mwaalogin.local.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The container image's task root as {@code function/image/aot-train} lays it out and trains it on this machine:
 * the jars, the AOT cache, and the exact command the image's entrypoint runs (absolute paths of this machine).
 *
 * @param taskRoot the image's {@code /var/task} here
 * @param cache    the AOT cache in it
 * @param command  the entrypoint's command: the JDK 25 {@code java}, options, class path, main class, handler
 * @param log      what training wrote to stderr
 */
public record AotImage(Path taskRoot, Path cache, List<String> command, String log) {

    public AotImage {
        command = List.copyOf(command);
    }

    /**
     * Runs {@code aot-train} after {@code mvn package}.
     *
     * @param projectRoot the repository root
     * @param jdk25       the JDK to train and run with ({@code JAVA_HOME} for the script)
     * @param taskRoot    where to lay the image's task root out
     * @param extraEnv    more variables for the script (the tests add credentials that must not reach the cache)
     */
    public static AotImage train(Path projectRoot, Path jdk25, Path taskRoot, Map<String, String> extraEnv)
            throws IOException, InterruptedException {
        Path script = projectRoot.resolve("function/image/aot-train");
        Files.createDirectories(taskRoot);
        Path log = Files.createTempFile("aot-train", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(script.toString(), taskRoot.toString())
                    .directory(projectRoot.toFile()).redirectError(log.toFile());
            builder.environment().putAll(extraEnv);
            builder.environment().put("JAVA_HOME", jdk25.toString());
            Process process = builder.start();
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("aot-train did not finish in 10 minutes");
            }
            String stderr = Files.readString(log);
            if (process.exitValue() != 0) {
                throw new IOException("aot-train exited " + process.exitValue() + ":\n" + stderr);
            }
            String last = stdout.strip().lines().reduce((a, b) -> b).orElse("");
            return new AotImage(taskRoot, taskRoot.resolve("mwaa-login.aot"), ShellWords.split(last), stderr);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The same command without its AOT cache option: the image's JVM as it starts with no cache at all. */
    public List<String> commandWithoutCache() {
        return command.stream().filter(arg -> !arg.startsWith("-XX:AOTCache=")).toList();
    }
}
