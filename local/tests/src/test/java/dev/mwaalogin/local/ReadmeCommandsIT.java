package dev.mwaalogin.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first commands exactly as a newcomer types them, through the real {@code local/run} script and with
 * no function named: {@code local/run invoke -e events/http-redirect.json} and {@code local/run start-api} (with
 * browser sign-in, and with {@code --auth none}). The other tests name the function, which once hid that these
 * failed with "template.yaml has no AWS::Serverless::Function".
 */
class ReadmeCommandsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void invokeWithAnEventFileAnswersTheLogin(@TempDir Path temp) throws Exception {
        Path out = temp.resolve("out.json");
        Process process = localRun(temp, out, "invoke", "-e", "events/http-redirect.json");
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "local/run invoke finished");
        assertEquals(0, process.exitValue(), "local/run invoke: " + tail(temp.resolve("err.txt")));
        JsonNode answer = JSON.readTree(Files.readString(out));
        assertEquals(302, answer.path("statusCode").asInt(), "status of the answer");
        assertTrue(answer.path("headers").path("Location").asText().contains("/aws-console-sso?login=true#"),
                "a login URL");
    }

    @Test
    void startApiWithoutSignInServesJsonToCurl(@TempDir Path temp) throws Exception {
        int port = freePort();
        Process process = localRun(temp, temp.resolve("out.txt"), "start-api", "--auth", "none", "--port",
                Integer.toString(port));
        try {
            HttpResponse<String> response = await(process, temp, "http://127.0.0.1:" + port + "/login?format=json");
            assertEquals(200, response.statusCode(), "GET /login?format=json");
            JsonNode body = JSON.readTree(response.body());
            assertEquals("demo", body.path("environment").asText());
            assertTrue(body.path("url").asText().contains("/aws-console-sso?login=true#"), "a login URL");
        } finally {
            stop(process);
        }
    }

    @Test
    void startApiSendsABrowserWithoutASessionToTheLocalProvider(@TempDir Path temp) throws Exception {
        int port = freePort();
        Process process = localRun(temp, temp.resolve("out.txt"), "start-api", "--port", Integer.toString(port));
        try {
            HttpResponse<String> response = await(process, temp, "http://127.0.0.1:" + port + "/login");
            assertEquals(302, response.statusCode(), "GET /login without a session");
            String location = response.headers().firstValue("Location").orElse("");
            assertTrue(location.matches("http://(localhost|127\\.0\\.0\\.1):[0-9]+/.*")
                    && location.contains("response_type=code") && location.contains("code_challenge_method=S256"),
                    "to the provider's authorization endpoint");
        } finally {
            stop(process);
        }
    }

    /** {@code local/run} with the build already done by Maven, output and errors into files. */
    private static Process localRun(Path temp, Path out, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", "local/run"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(EventsIT.ROOT.toFile())
                .redirectOutput(out.toFile()).redirectError(temp.resolve("err.txt").toFile());
        builder.environment().put("MWAA_LOGIN_SKIP_BUILD", "1");
        return builder.start();
    }

    /** The first answer of the local API once it listens (it builds its task root and starts its JVMs first). */
    private static HttpResponse<String> await(Process process, Path temp, String url) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            assertTrue(process.isAlive(), "local/run start-api exited: " + tail(temp.resolve("err.txt")));
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException notYet) {
                assertTrue(System.nanoTime() < until, "local/run start-api did not listen within 120 s");
                Thread.sleep(250);
            }
        }
    }

    private static void stop(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The last lines of the tool's error output, for a failure message (it holds no token: those go to stdout). */
    private static String tail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }
}
