package dev.mwaalogin.local.bench;

import dev.mwaalogin.local.Template;
import dev.mwaalogin.local.emulator.EmulatorCredentials;
import dev.mwaalogin.local.emulator.MwaaEmulator;
import dev.mwaalogin.local.runtime.FunctionProcess;
import dev.mwaalogin.local.runtime.RuntimeApi;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The function's cold starts, each doing the whole job once: in a fresh Lambda-like JVM as a zip's task root (on
 * its own, {@link ColdStart}, or under AWS's runtime interface client), or as the container image's entrypoint. The
 * default {@link FunctionSetup} is today's configuration; rows that measure another one pass theirs.
 */
final class ColdPaths {

    private final FunctionSetup setup;
    private final String event;

    /** @param event the one event each cold start answers (a {@code GET /login}) */
    ColdPaths(FunctionSetup setup, String event) {
        this.setup = setup;
        this.event = event;
    }

    /** The function's variables for a run against the emulator: the demo environment, its fake key pair. */
    static Map<String, String> functionEnvironment(Template.Function function, MwaaEmulator emulator) {
        Map<String, String> env = new LinkedHashMap<>(function.environment());
        env.put("MWAA_ENVIRONMENT_NAME", "demo");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", EmulatorCredentials.DEFAULT_ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", EmulatorCredentials.DEFAULT_SECRET_ACCESS_KEY);
        env.put("AWS_ENDPOINT_URL_MWAA", emulator.endpoint().toString());
        env.put("AIRFLOW_BASE_URL", emulator.endpoint().toString());
        // No profile files: the default credential chain must find the variables, as in Lambda.
        env.put("AWS_CONFIG_FILE", "/nonexistent/config");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials");
        return env;
    }

    /**
     * One cold start of the function: spawn, init, one GET /login, answer.
     *
     * @param cpuMs the CPU time of the function's JVM (all threads, user and system) from spawn to the answer, NaN
     *              where the platform does not tell; on one vCPU, as Lambda gives a function of 1,769 MB, the wall
     *              time could not be shorter
     */
    record FunctionRun(double totalMs, double initMs, double invokeMs, long peakRssKib, int status, double cpuMs) {
    }

    FunctionRun function() throws IOException {
        return function(setup);
    }

    /** A cold start with extra environment variables, e.g. {@code JAVA_TOOL_OPTIONS}, which Lambda honours too. */
    FunctionRun function(Map<String, String> extra) throws IOException {
        return function(setup.withVariables(extra));
    }

    /** A cold start under the runtime client of another setup (task root, handler or variables). */
    FunctionRun function(FunctionSetup other) throws IOException {
        long started = System.nanoTime();
        return measure(FunctionProcess.start(other.taskRoot(), other.function(), other.environment(), line -> { }),
                started);
    }

    /**
     * One cold start of the container image: its entrypoint's command (the image's JVM, the runtime client and the
     * function on one class path, with or without the AOT cache), the same environment and Runtime API as above.
     */
    FunctionRun image(Path imageTaskRoot, List<String> command) throws IOException {
        long started = System.nanoTime();
        return measure(FunctionProcess.start(command, imageTaskRoot, setup.function(), setup.environment(),
                line -> { }), started);
    }

    /**
     * One cold start of the zip on the managed java25 runtime's model: the same task root, handler, environment and
     * Runtime API as {@link #function()}, started by the model's JVM with its cache.
     */
    FunctionRun java25(ManagedJava25 model) throws IOException {
        return image(setup.taskRoot(), model.command(setup.function().handler()));
    }

    /** Spawn (at {@code startedNanos}) to the posted answer of one GET /login, init and invoke apart. */
    private FunctionRun measure(FunctionProcess running, long startedNanos) throws IOException {
        try (FunctionProcess process = running) {
            double init = process.awaitInit().toNanos() / 1e6;
            RuntimeApi.Result result = process.invoke(event);
            double total = (System.nanoTime() - startedNanos) / 1e6;
            double cpu = newestChildCpuMs();
            long rss = process.peakRssKib();
            return new FunctionRun(total, init, result.duration().toNanos() / 1e6, rss, statusOf(result.body()),
                    cpu);
        }
    }

    /**
     * The CPU time so far of this JVM's newest live child process, in ms: the function's JVM, which the rows start
     * one at a time ({@link FunctionProcess} does not hand out its process). NaN when there is none or the platform
     * does not tell.
     */
    static double newestChildCpuMs() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .max(java.util.Comparator.comparing(child -> child.info().startInstant()
                        .orElse(java.time.Instant.EPOCH)))
                .flatMap(child -> child.info().totalCpuDuration())
                .map(cpu -> cpu.toNanos() / 1e6).orElse(Double.NaN);
    }

    /** The status code of a proxy answer as the runtime posted it; -1 without one. */
    static int statusOf(String answer) {
        java.util.regex.Matcher status = java.util.regex.Pattern.compile("\"statusCode\"\\s*:\\s*(\\d{3})")
                .matcher(answer);
        return status.find() ? Integer.parseInt(status.group(1)) : -1;
    }

    /** The function's own cold path ({@link ColdStart}): spawn to the answer on stdout. */
    double functionOwn(Path eventFile) throws IOException {
        return functionOwn(setup, eventFile, List.of());
    }

    /** The same, with more JVM options (a profiler agent). */
    double functionOwn(Path eventFile, List<String> extraJvmOptions) throws IOException {
        return functionOwn(setup, eventFile, extraJvmOptions);
    }

    /** The function's own cold path in another setup; must answer 302, as the default's does. */
    double functionOwn(FunctionSetup other, Path eventFile, List<String> extraJvmOptions) throws IOException {
        // ColdStart's own module, the runner's (its LocalContext) and the Lambda interfaces: nothing of the function.
        String classPath = String.join(File.pathSeparator, codeSource(ColdStart.class),
                codeSource(dev.mwaalogin.local.LocalContext.class),
                codeSource(com.amazonaws.services.lambda.runtime.Context.class));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(FunctionProcess.jvmOptions(other.function()));
        command.addAll(extraJvmOptions);
        command.addAll(List.of("-cp", classPath, ColdStart.class.getName(), other.taskRoot().toString(),
                other.function().handler(), eventFile.toString()));
        Map<String, String> env = new LinkedHashMap<>(other.environment());
        env.put("PATH", System.getenv("PATH"));
        Path errors = Files.createTempFile("cold-own", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        String answer = new String(process.getInputStream().readAllBytes());
        double millis = (System.nanoTime() - started) / 1e6;
        // Only a failure's standard error is kept, for its reason: the function's own log line is not the benchmark's.
        String error = Files.readString(errors);
        Files.delete(errors);
        if (statusOf(answer) != 302) {
            List<String> lines = error.lines().toList();
            throw new IOException("the function's own cold path (" + other.function().handler() + " in "
                    + other.taskRoot() + ") did not redirect: status " + statusOf(answer) + ", " + answer.length()
                    + " chars; its standard error ends:\n" + String.join("\n",
                    lines.subList(Math.max(0, lines.size() - 15), lines.size())));
        }
        return millis;
    }

    private static String codeSource(Class<?> type) {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
    }
}
