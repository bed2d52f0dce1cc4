package dev.mwaalogin.local.bench;

import dev.mwaalogin.local.emulator.EmulatorCredentials;
import dev.mwaalogin.local.runtime.FunctionProcess;
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
 * What people run instead of the function, and the floor of any JVM: the boto3 script from AWS's MWAA docs, the AWS
 * CLI, each by its real executable ({@link RealBinaries}) against the same emulator, and a bare JVM.
 */
final class Baselines {

    /** The script AWS's MWAA user guide shows for opening the Airflow UI: mint a token, print the URL. */
    static final String BOTO3_SCRIPT = String.join("\n",
            "import boto3",
            "client = boto3.client('mwaa')",
            "response = client.create_web_login_token(Name='demo')",
            "print(f\"https://{response['WebServerHostname']}/aws_mwaa/aws-console-sso?login=true#"
                    + "{response['WebToken']}\"[:0] + 'minted')",
            "");

    private final RealBinaries binaries;
    private final URI emulator;
    private final FunctionSetup function;

    /** @param function whose class path and JVM options the floor uses */
    Baselines(RealBinaries binaries, URI emulator, FunctionSetup function) {
        this.binaries = binaries;
        this.emulator = emulator;
        this.function = function;
    }

    double boto3(Path script) throws IOException {
        return boto3(script, List.of());
    }

    /** The boto3 script started under {@code prefix}, e.g. {@link OneCpu#PREFIX}. */
    double boto3(Path script, List<String> prefix) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(binaries.python().toString(), script.toString()));
        return command(command, awsEnvironment());
    }

    double awsCli() throws IOException {
        List<String> command = new ArrayList<>(binaries.awsCli());
        command.addAll(List.of("mwaa", "create-web-login-token", "--name", "demo"));
        return command(command, awsEnvironment());
    }

    double floor() throws IOException {
        String classPath = TaskRoot.classPath(function.taskRoot()) + File.pathSeparator
                + FunctionProcess.runtimeClassPath() + File.pathSeparator
                + Path.of(Floor.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(FunctionProcess.jvmOptions(function.function()));
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
