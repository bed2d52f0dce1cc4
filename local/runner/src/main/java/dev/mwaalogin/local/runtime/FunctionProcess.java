package dev.mwaalogin.local.runtime;

import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import dev.mwaalogin.local.Template;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One Lambda execution environment on this machine: a fresh JVM running AWS's runtime interface client with the
 * function's handler, talking to a local {@link RuntimeApi}. Like Lambda, it serves one event at a time and stays
 * warm between events.
 */
public final class FunctionProcess implements AutoCloseable {

    /** The JVM options Lambda's Java runtimes start an on-demand function with: C1 only and the serial collector. */
    public static final List<String> LAMBDA_JVM_OPTIONS = List.of(
            "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");

    private static final String ACCOUNT = "123456789012";

    private final Template.Function function;
    private final RuntimeApi api;
    private final Process process;
    private final long startedNanos;

    private FunctionProcess(Template.Function function, RuntimeApi api, Process process, long startedNanos) {
        this.function = function;
        this.api = api;
        this.process = process;
        this.startedNanos = startedNanos;
    }

    /**
     * Starts the environment; init runs at once, as in Lambda.
     *
     * @param taskRoot    the function laid out as Lambda unpacks it ({@link TaskRoot})
     * @param function    the function's definition from the template
     * @param environment the function's environment variables (the template's, overridden by env.json and the
     *                    local tools), plus the region and credentials it should see
     * @param logs        receives each line the function writes
     */
    public static FunctionProcess start(Path taskRoot, Template.Function function, Map<String, String> environment,
                                        Consumer<String> logs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions(function));
        command.add("-cp");
        command.add(runtimeClassPath());
        command.add(AWSLambda.class.getName());
        command.add(function.handler());
        return start(command, taskRoot, function, environment, logs);
    }

    /**
     * Starts the environment with a command of its own, e.g. a container image's entrypoint: the JVM, its options,
     * a class path holding the runtime client and the function, the runtime client's main class and the handler.
     *
     * @param taskRoot the function's code as the command expects it; also the working directory and
     *                 {@code LAMBDA_TASK_ROOT}
     */
    public static FunctionProcess start(List<String> command, Path taskRoot, Template.Function function,
                                        Map<String, String> environment, Consumer<String> logs) throws IOException {
        String functionName = "mwaa-login-local-" + function.logicalId();
        RuntimeApi api = RuntimeApi.start("arn:aws:lambda:" + environment.getOrDefault("AWS_REGION", "us-east-1")
                + ":" + ACCOUNT + ":function:" + functionName + ":live");
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(lambdaVariables(taskRoot, function, functionName, api.address()));
        env.putAll(environment);
        long started = System.nanoTime();
        Process process = builder.start();
        pump(process.getInputStream(), logs);
        pump(process.getErrorStream(), logs);
        return new FunctionProcess(function, api, process, started);
    }

    /** Waits for init to finish and says how long it took from process start; throws if init failed. */
    public Duration awaitInit() throws IOException {
        try {
            long done = api.initDone().get(function.timeoutSecs() + 10L, TimeUnit.SECONDS);
            return Duration.ofNanos(done - startedNanos);
        } catch (ExecutionException e) {
            throw new IOException("The function failed its init: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("The function did not finish its init in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    /** Sends one event and waits for the answer, at most the function's timeout. */
    public RuntimeApi.Result invoke(String eventJson) throws IOException {
        awaitInit();
        Duration timeout = Duration.ofSeconds(function.timeoutSecs());
        RuntimeApi.Invocation invocation = api.invoke(eventJson, timeout);
        try {
            return invocation.result().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            // Lambda stops an environment that overruns its timeout; so do we.
            close();
            throw new IOException("Task timed out after " + function.timeoutSecs() + " seconds");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The process's peak resident set size so far, in KiB ({@code VmHWM}); -1 where /proc is not available. */
    public long peakRssKib() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc", Long.toString(process.pid()),
                    "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** The options for a function of this memory size, as Lambda would start its JVM. */
    public static List<String> jvmOptions(Template.Function function) {
        List<String> options = new ArrayList<>(LAMBDA_JVM_OPTIONS);
        options.add("-XX:MaxHeapSize=" + (function.memoryMb() * 85 / 100) + "m");
        return options;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        api.close();
    }

    /** What Lambda sets in every execution environment, as far as a Java function can tell. */
    static Map<String, String> lambdaVariables(Path taskRoot, Template.Function function, String functionName,
                                               String runtimeApi) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("LAMBDA_RUNTIME_DIR", taskRoot.toString());
        env.put("_HANDLER", function.handler());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + function.runtime());
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("AWS_LAMBDA_FUNCTION_NAME", functionName);
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + functionName);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local");
        env.put("AWS_LAMBDA_LOG_FORMAT", "JSON");
        env.put("AWS_LAMBDA_LOG_LEVEL", "INFO");
        // Lambda has no ~/.aws files; neither may a local run pick up the developer's.
        env.put("AWS_CONFIG_FILE", "/nonexistent/mwaa-login/config");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/mwaa-login/credentials");
        env.putAll(function.environment());
        return env;
    }

    /** The runtime's own jars (not the function's): the runtime interface client and its serialization. */
    public static String runtimeClassPath() {
        List<String> jars = new ArrayList<>();
        for (Class<?> type : new Class<?>[] {AWSLambda.class, PojoSerializer.class,
            com.amazonaws.services.lambda.runtime.Context.class,
            software.amazon.awssdk.utilslite.SdkInternalThreadLocal.class}) {
            String jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
            if (!jars.contains(jar)) {
                jars.add(jar);
            }
        }
        return String.join(File.pathSeparator, jars);
    }

    private static void pump(InputStream stream, Consumer<String> logs) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    logs.accept(line);
                }
            } catch (IOException e) {
                // The process ended; its output ended with it.
            }
        }, "function-logs");
        thread.setDaemon(true);
        thread.start();
    }
}
