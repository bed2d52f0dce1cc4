package dev.mwaalogin.local.bench;

import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import dev.mwaalogin.local.Template;
import dev.mwaalogin.local.runtime.FunctionProcess;
import dev.mwaalogin.local.runtime.RuntimeApi;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A zip deployment on Lambda's managed {@code java25} runtime, modelled on this machine: a JDK 25 with the options
 * that runtime starts the JVM with, as far as AWS documents them ({@link #options}), the runtime interface client on
 * the class path and the function's task root loaded by the client's own class loader (as today's zip rows do), and
 * an AOT cache of the runtime client's classes only, which is what AWS says the runtime ships. AWS publishes neither
 * its cache nor its exact command line, so this is a model: BENCHMARKS.md says which parts are confirmed.
 *
 * <p>The cache is trained here the way one has to be: the same JVM, options and class path as the runs that use it
 * (JDK 25 only accepts a cache whose class path the run's class path starts with), a training run of the runtime
 * client against a local Runtime API, then SIGTERM, on which the JVM writes the cache. Trained with
 * {@link RuntimeClientOnly}, nothing of the function is in it; {@link #withFunction} trains it on the function
 * instead, an experiment a managed runtime does not offer.
 *
 * @param java    the JDK 25's {@code java}
 * @param cache   the AOT cache the runs start with
 * @param options the JVM options besides the cache
 */
record ManagedJava25(Path java, Path cache, List<String> options) {

    private static final int TRAINING_EVENTS = 6;
    private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(2);
    private static final long EXIT_TIMEOUT_MINUTES = 10;

    ManagedJava25 {
        options = List.copyOf(options);
    }

    /**
     * The JVM options of the managed {@code java25} runtime for an on-demand function of this memory size, less the
     * cache: C1 only (AWS: java25 still stops tiered compilation at level 1 by default, except with SnapStart or
     * provisioned concurrency), the serial collector, a heap of 85 % of the memory (both as seen on earlier Java
     * runtimes' command lines, not confirmed for java25), and native access for the runtime client's JNI library,
     * which JDK 25 otherwise warns about on every start (not confirmed either). No Log4Shell agent: AWS dropped it
     * from java25.
     */
    static List<String> options(Template.Function function) {
        return List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-XX:MaxHeapSize=" + (function.memoryMb() * 85 / 100) + "m", "--enable-native-access=ALL-UNNAMED");
    }

    /** The same JVM and cache with one more option (a class-loading log). */
    ManagedJava25 withOption(String option) {
        List<String> more = new ArrayList<>(options);
        more.add(option);
        return new ManagedJava25(java, cache, more);
    }

    /** The command that starts the runtime client with {@code handler}, the function's task root left to it. */
    List<String> command(String handler) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(options);
        command.add("-XX:AOTCache=" + cache);
        command.addAll(List.of("-cp", FunctionProcess.runtimeClassPath(), AWSLambda.class.getName(), handler));
        return command;
    }

    /** As the managed runtime ships: a cache of the runtime client alone, trained with {@link RuntimeClientOnly}. */
    static ManagedJava25 runtimeClientOnly(Path jdk25, Path work, FunctionSetup setup, String event)
            throws IOException {
        // A task root of its own that holds the one handler class and nothing else.
        Path taskRoot = work.resolve("java25-runtime-client-task");
        String type = RuntimeClientOnly.class.getName().replace('.', '/') + ".class";
        Path handlerClass = taskRoot.resolve(type);
        Files.createDirectories(handlerClass.getParent());
        try (InputStream in = RuntimeClientOnly.class.getClassLoader().getResourceAsStream(type)) {
            if (in == null) {
                throw new IOException(type + " is not on the benchmark's class path");
            }
            Files.copy(in, handlerClass, StandardCopyOption.REPLACE_EXISTING);
        }
        return train(jdk25, setup.function(), taskRoot, RuntimeClientOnly.class.getName() + "::handleRequest",
                Map.of(), event, 200, work.resolve("java25-runtime-client.aot"));
    }

    /**
     * The experiment: the same cache trained on the function itself, its task root as deployed and the handler the
     * container image's training uses ({@code dev.mwaalogin.lambda.AotTraining}: the production init, then the request path
     * over a canned MWAA answer), with the function's variables but no credentials. Not shippable on a managed
     * runtime: AWS advises against one's own cache there (a runtime update invalidates it), and the JVM takes one
     * cache only, so it would replace AWS's.
     */
    static ManagedJava25 withFunction(Path jdk25, Path work, FunctionSetup setup, String event) throws IOException {
        Map<String, String> variables = new LinkedHashMap<>(setup.environment());
        variables.keySet().removeIf(name -> name.startsWith("AWS_ACCESS_KEY") || name.startsWith("AWS_SECRET")
                || name.equals("AWS_SESSION_TOKEN"));
        return train(jdk25, setup.function(), setup.taskRoot(), "dev.mwaalogin.lambda.AotTraining::handleRequest",
                variables, event, 302, work.resolve("java25-with-function.aot"));
    }

    /**
     * Runs the runtime client with {@code -XX:AOTCacheOutput} against a local Runtime API, hands it
     * {@value #TRAINING_EVENTS} events, checks each answer's status, then stops it with SIGTERM, as Lambda stops an
     * environment, which makes the JVM write the cache (JDK 25 assembles it in a second JVM it waits for).
     */
    private static ManagedJava25 train(Path jdk25, Template.Function function, Path taskRoot, String handler,
                                       Map<String, String> variables, String event, int status, Path cache)
            throws IOException {
        Files.deleteIfExists(cache);
        ManagedJava25 model = new ManagedJava25(jdk25.resolve("bin/java"), cache, options(function));
        List<String> command = new ArrayList<>(model.command(handler));
        command.set(command.indexOf("-XX:AOTCache=" + cache), "-XX:AOTCacheOutput=" + cache);
        Path log = cache.resolveSibling(cache.getFileName() + ".log");
        try (RuntimeApi api = RuntimeApi.start("arn:aws:lambda:us-east-1:123456789012:function:java25-training")) {
            ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment(taskRoot, function, handler, api.address()));
            builder.environment().putAll(variables);
            Process jvm = builder.start();
            try {
                for (int i = 0; i < TRAINING_EVENTS; i++) {
                    RuntimeApi.Result result = api.invoke(event, ANSWER_TIMEOUT).result()
                            .get(ANSWER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    if (ColdPaths.statusOf(result.body()) != status) {
                        throw new IOException("java25 cache training: " + handler + " answered "
                                + ColdPaths.statusOf(result.body()) + ", not " + status + "; see " + log);
                    }
                }
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("java25 cache training: no answer from " + handler + "; see " + log, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            } finally {
                jvm.destroy();
                try {
                    if (!jvm.waitFor(EXIT_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                        jvm.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (!Files.isRegularFile(cache) || Files.size(cache) == 0) {
            throw new IOException("java25 cache training wrote no cache at " + cache + "; see " + log);
        }
        return model;
    }

    /** What Lambda sets in an execution environment, as far as the runtime client reads it. */
    private static Map<String, String> environment(Path taskRoot, Template.Function function, String handler,
                                                   String runtimeApi) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("_HANDLER", handler);
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java25");
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("AWS_LAMBDA_FUNCTION_NAME", "java25-training");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/java25-training");
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "training");
        env.put("AWS_LAMBDA_LOG_FORMAT", "JSON");
        env.put("AWS_LAMBDA_LOG_LEVEL", "INFO");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", "/nonexistent/java25-training/config");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/java25-training/credentials");
        return env;
    }
}
