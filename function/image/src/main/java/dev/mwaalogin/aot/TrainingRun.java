package dev.mwaalogin.aot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The AOT cache's training run ({@code function/image/aot-train} starts it): runs the given command, the image's own
 * entrypoint with {@code -XX:AOTCacheOutput} and the training handler, against a loopback {@link RuntimeApiStub};
 * serves it {@link TrainingEvents}, checks every answer, then stops the JVM the way Lambda does (SIGTERM), which
 * makes it write the cache.
 *
 * <p>The JVM gets a fixed environment and nothing of the caller's: no AWS credentials, no profile files, no
 * {@code JAVA_TOOL_OPTIONS}. Usage: {@code TrainingRun <task root> <cache file> <command...>}.
 */
public final class TrainingRun {

    private static final int ROUNDS = 2;
    private static final long ANSWER_TIMEOUT_SECONDS = 120;
    private static final long EXIT_TIMEOUT_MINUTES = 10;

    private TrainingRun() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: TrainingRun <task root> <cache file> <java> <options...> <main> <handler>");
            System.exit(2);
        }
        Path taskRoot = Path.of(args[0]);
        Path cache = Path.of(args[1]);
        List<String> command = Arrays.asList(args).subList(2, args.length);
        try {
            train(taskRoot, cache, command);
        } catch (TrainingFailed e) {
            System.err.println("aot-train: " + e.getMessage());
            System.exit(1);
        }
    }

    static void train(Path taskRoot, Path cache, List<String> command) throws IOException, InterruptedException {
        Files.deleteIfExists(cache);
        List<TrainingEvents.Event> events = TrainingEvents.rounds(ROUNDS);
        try (RuntimeApiStub api = new RuntimeApiStub(events)) {
            ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile()).inheritIO();
            builder.environment().clear();
            builder.environment().putAll(environment(taskRoot, api.address(), command.get(command.size() - 1)));
            Process jvm = builder.start();
            try {
                for (int answered = 0; answered < events.size(); answered++) {
                    check(nextAnswer(api, jvm), events);
                }
            } finally {
                // SIGTERM, as Lambda stops an environment: the JVM exits normally and writes the cache on its way.
                jvm.destroy();
                if (!jvm.waitFor(EXIT_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    jvm.destroyForcibly();
                    throw new TrainingFailed("the training JVM did not exit after SIGTERM");
                }
            }
        }
        if (!Files.isRegularFile(cache) || Files.size(cache) == 0) {
            throw new TrainingFailed("the training JVM wrote no AOT cache at " + cache);
        }
        System.err.printf("aot-train: %d sign-ins answered; AOT cache %s (%d bytes)%n", events.size(), cache,
                Files.size(cache));
    }

    /**
     * The next answer, or null after {@link #ANSWER_TIMEOUT_SECONDS}; a JVM that exits first (a bad option, say)
     * fails the training at once, its own error above on the inherited stderr.
     */
    private static RuntimeApiStub.Outcome nextAnswer(RuntimeApiStub api, Process jvm) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ANSWER_TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            RuntimeApiStub.Outcome outcome = api.next(1, TimeUnit.SECONDS);
            if (outcome != null) {
                return outcome;
            }
            if (!jvm.isAlive()) {
                throw new TrainingFailed("the training JVM exited with status " + jvm.exitValue()
                        + " before answering");
            }
        }
        return null;
    }

    /** The function must have answered the event it was given with the expected status, from the canned answer. */
    static void check(RuntimeApiStub.Outcome outcome, List<TrainingEvents.Event> events) {
        if (outcome == null) {
            throw new TrainingFailed("no answer within " + ANSWER_TIMEOUT_SECONDS + " s");
        }
        if (outcome.failed()) {
            // An init or function error names an exception and a message, never a token: safe to show.
            throw new TrainingFailed((outcome.index() < 0 ? "init failed: " : "the function failed: ")
                    + outcome.body());
        }
        int expected = events.get(outcome.index()).expectedStatus();
        if (!outcome.body().contains("\"statusCode\":" + expected) || !outcome.body().contains("priming.invalid")) {
            // Not printed: an answer may carry a Location. The canned one holds no real token, but the rule holds.
            throw new TrainingFailed("event " + outcome.index() + " was not answered with " + expected
                    + " from the canned MWAA answer");
        }
    }

    /**
     * What Lambda sets in an execution environment, plus the function's configuration for a made-up environment.
     * The region is the only AWS setting; credentials are never looked up (priming signs with fake ones).
     */
    static Map<String, String> environment(Path taskRoot, String runtimeApi, String handler) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("_HANDLER", handler);
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("AWS_LAMBDA_FUNCTION_NAME", "mwaa-login-aot-training");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1769");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/mwaa-login-aot-training");
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "aot-training");
        env.put("AWS_LAMBDA_LOG_FORMAT", "JSON");
        env.put("AWS_LAMBDA_LOG_LEVEL", "INFO");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", "/nonexistent/aot-training/config");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aot-training/credentials");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("MWAA_ENVIRONMENT_NAME", TrainingEvents.ENVIRONMENT);
        env.put("ALLOWED_ENVIRONMENTS", TrainingEvents.NAMED_ENVIRONMENT);
        env.put("DEFAULT_RESPONSE", "redirect");
        env.put("AIRFLOW_ROLE", "Viewer");
        env.put("MWAA_TIMEOUT_MS", "5000");
        return env;
    }

    /** Training could not produce a cache worth shipping. */
    static final class TrainingFailed extends RuntimeException {

        private static final long serialVersionUID = 1L;

        TrainingFailed(String message) {
            super(message);
        }
    }
}
