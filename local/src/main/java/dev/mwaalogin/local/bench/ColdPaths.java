package dev.mwaalogin.local.bench;

import dev.mwaalogin.local.Template;
import dev.mwaalogin.local.emulator.EmulatorCredentials;
import dev.mwaalogin.local.emulator.MwaaEmulator;
import dev.mwaalogin.local.runtime.FunctionProcess;
import dev.mwaalogin.local.runtime.RuntimeApi;
import dev.mwaalogin.local.runtime.TaskRoot;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Everything that starts cold and does the whole job once: the function in a fresh Lambda-like JVM (as a zip's task
 * root, or as the container image's entrypoint), the boto3 script from AWS's MWAA docs, the AWS CLI, and a bare JVM
 * as the floor. All against the same emulator; the interpreters by their real executables ({@link RealBinaries}).
 */
final class ColdPaths {

    /** The script AWS's MWAA user guide shows for opening the Airflow UI: mint a token, print the URL. */
    static final String BOTO3_SCRIPT = String.join("\n",
            "import boto3",
            "client = boto3.client('mwaa')",
            "response = client.create_web_login_token(Name='demo')",
            "print(f\"https://{response['WebServerHostname']}/aws_mwaa/aws-console-sso?login=true#"
                    + "{response['WebToken']}\"[:0] + 'minted')",
            "");

    private final Path taskRoot;
    private final Template.Function function;
    private final Map<String, String> functionEnvironment;
    private final URI emulator;
    private final String event;
    private final RealBinaries binaries;

    /** For the function's paths alone (no boto3 or CLI). */
    ColdPaths(Path taskRoot, Template.Function function, Map<String, String> functionEnvironment, URI emulator,
              String event) {
        this(taskRoot, function, functionEnvironment, emulator, event, null);
    }

    ColdPaths(Path taskRoot, Template.Function function, Map<String, String> functionEnvironment, URI emulator,
              String event, RealBinaries binaries) {
        this.taskRoot = taskRoot;
        this.function = function;
        this.functionEnvironment = functionEnvironment;
        this.emulator = emulator;
        this.event = event;
        this.binaries = binaries;
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

    /** One cold start of the function: spawn, init, one GET /login, answer. */
    record FunctionRun(double totalMs, double initMs, double invokeMs, long peakRssKib, int status) {
    }

    FunctionRun function() throws IOException {
        return function(Map.of());
    }

    /** A cold start with extra environment variables, e.g. {@code JAVA_TOOL_OPTIONS}, which Lambda honours too. */
    FunctionRun function(Map<String, String> extra) throws IOException {
        Map<String, String> environment = new LinkedHashMap<>(functionEnvironment);
        environment.putAll(extra);
        long started = System.nanoTime();
        return measure(FunctionProcess.start(taskRoot, function, environment, line -> { }), started);
    }

    /**
     * One cold start of the container image: its entrypoint's command (the image's JVM, the runtime client and the
     * function on one class path, with or without the AOT cache), the same environment and Runtime API as above.
     */
    FunctionRun image(Path imageTaskRoot, List<String> command) throws IOException {
        long started = System.nanoTime();
        return measure(FunctionProcess.start(command, imageTaskRoot, function, functionEnvironment, line -> { }),
                started);
    }

    /** Spawn (at {@code startedNanos}) to the posted answer of one GET /login, init and invoke apart. */
    private FunctionRun measure(FunctionProcess running, long startedNanos) throws IOException {
        try (FunctionProcess process = running) {
            double init = process.awaitInit().toNanos() / 1e6;
            RuntimeApi.Result result = process.invoke(event);
            double total = (System.nanoTime() - startedNanos) / 1e6;
            long rss = process.peakRssKib();
            int status = Integer.parseInt(result.body().replaceAll("(?s).*\"statusCode\"\\s*:\\s*(\\d+).*", "$1"));
            return new FunctionRun(total, init, result.duration().toNanos() / 1e6, rss, status);
        }
    }

    /** The function's own cold path ({@link ColdStart}): spawn to the answer on stdout. */
    double functionOwn(Path eventFile) throws IOException {
        return functionOwn(eventFile, List.of());
    }

    /** The same, with more JVM options (a profiler agent). */
    double functionOwn(Path eventFile, List<String> extraJvmOptions) throws IOException {
        String classPath = Path.of(ColdStart.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                + File.pathSeparator + Path.of(com.amazonaws.services.lambda.runtime.Context.class
                .getProtectionDomain().getCodeSource().getLocation().getPath());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(FunctionProcess.jvmOptions(function));
        command.addAll(extraJvmOptions);
        command.addAll(List.of("-cp", classPath, ColdStart.class.getName(), taskRoot.toString(), function.handler(),
                eventFile.toString()));
        Map<String, String> env = new LinkedHashMap<>(functionEnvironment);
        env.put("PATH", System.getenv("PATH"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        String answer = new String(process.getInputStream().readAllBytes());
        double millis = (System.nanoTime() - started) / 1e6;
        if (!answer.contains("\"statusCode\":302")) {
            throw new IOException("the function's own cold path did not redirect: " + answer.length() + " chars");
        }
        return millis;
    }

    double boto3(Path script) throws IOException {
        return command(List.of(binaries.python().toString(), script.toString()), awsEnvironment());
    }

    double awsCli() throws IOException {
        List<String> command = new ArrayList<>(binaries.awsCli());
        command.addAll(List.of("mwaa", "create-web-login-token", "--name", "demo"));
        return command(command, awsEnvironment());
    }

    double floor() throws IOException {
        String classPath = TaskRoot.classPath(taskRoot) + File.pathSeparator + FunctionProcess.runtimeClassPath() + File.pathSeparator
                + Path.of(Floor.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(FunctionProcess.jvmOptions(function));
        command.addAll(List.of("-cp", classPath, Floor.class.getName()));
        return command(command, Map.of());
    }

    /** Python and the CLI find the emulator and its credentials the way users point them at an endpoint. */
    private Map<String, String> awsEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ACCESS_KEY_ID", EmulatorCredentials.DEFAULT_ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", EmulatorCredentials.DEFAULT_SECRET_ACCESS_KEY);
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_ENDPOINT_URL_MWAA", emulator.toString());
        env.put("AWS_DISABLE_HOST_PREFIX_INJECTION", "true");
        env.put("AWS_CONFIG_FILE", "/nonexistent/config");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials");
        return env;
    }

    private static double command(List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(command.get(0) + " failed: " + new String(output).lines().reduce("",
                        (a, b) -> b));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        return (System.nanoTime() - started) / 1e6;
    }

    static Path writeBoto3Script(Path dir) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve("mwaa_login.py"), BOTO3_SCRIPT);
    }
}
