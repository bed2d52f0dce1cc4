package dev.mwaalogin.local.samcli;

import dev.mwaalogin.local.Tools;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A local CloudFormation (and S3, ECR, ...) for the real SAM CLI: moto's server, with the CloudFormation behaviour
 * {@code sam-cli/moto_cloudformation.py} adds (change sets that list what CloudFormation would create, parameter
 * constraints, SAM's managed bucket stack). One server for the JVM, started on first use on a free port, stopped when
 * the JVM ends; tests keep apart by stack name or Region.
 */
public final class MotoServer {

    private static final String MISSING = "moto's server and aws-sam-translator for python3: "
            + "pip install 'moto[server]' aws-sam-translator";
    private static MotoServer shared;

    private final Process process;
    private final int port;

    private MotoServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The server, started on first use; skips the calling test (fails it under CI) when moto is missing. */
    public static synchronized MotoServer shared(Path logDir) throws IOException, InterruptedException {
        if (shared != null && shared.process.isAlive()) {
            return shared;
        }
        Path python = SamCli.python();
        Process check = new ProcessBuilder(python.toString(), "-c", "import moto.server, samtranslator, boto3")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Tools.require(check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0, MISSING);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.createDirectories(logDir);
        ProcessBuilder builder = new ProcessBuilder(python.toString(),
                SamCli.resource("sam-cli/moto_cloudformation.py").toString(), "-H", "127.0.0.1", "-p",
                Integer.toString(port)).redirectErrorStream(true).redirectOutput(logDir.resolve("moto.log").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().put("AWS_DEFAULT_REGION", "us-east-1");
        Process process = builder.start();
        MotoServer server = new MotoServer(process, port);
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        server.awaitListening(logDir.resolve("moto.log"));
        shared = server;
        return server;
    }

    private void awaitListening(Path log) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError("moto's server exited:\n" + Files.readString(log));
            }
            try {
                http.send(HttpRequest.newBuilder(URI.create(endpoint() + "/moto-api/")).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (ConnectException notYet) {
                if (System.nanoTime() > until) {
                    throw new AssertionError("moto's server did not listen within 60 s:\n" + Files.readString(log));
                }
                Thread.sleep(200);
            }
        }
    }

    /**
     * {@code localhost}, not 127.0.0.1: moto takes the bucket of an S3 URL from its host name unless the host is
     * localhost, and SAM CLI hands CloudFormation the template's S3 URL.
     */
    public String endpoint() {
        return "http://localhost:" + port;
    }

    /** What a SAM CLI process needs to deploy here, in {@code region}, with fake credentials. */
    public Map<String, String> environment(String region) {
        return Map.of("AWS_ENDPOINT_URL", endpoint(), "AWS_ACCESS_KEY_ID", "AKIAMOTOTESTING00001",
                "AWS_SECRET_ACCESS_KEY", "moto-testing-not-a-secret", "AWS_DEFAULT_REGION", region,
                "AWS_REGION", region);
    }
}
